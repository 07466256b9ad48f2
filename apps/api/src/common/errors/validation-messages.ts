import type { ValidationError } from 'class-validator';
import type { ApiFieldError } from '@akiwa/contracts';
import { VALIDATION_MESSAGES, validationFallback } from './texts';

/** Reads the constraint argument (e.g. the 10 of @Max(10)) out of class-validator's English text. */
function argumentOf(code: string, text: string): string {
  if (code === 'isEnum' || code === 'isIn') return text.split(': ').pop() ?? '';
  const m = /(-?\d+(\.\d+)?)/.exec(text);
  return m ? m[1] : '';
}

export function flattenValidationErrors(errors: ValidationError[], prefix = ''): ApiFieldError[] {
  const out: ApiFieldError[] = [];
  for (const e of errors) {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    for (const [code, text] of Object.entries(e.constraints ?? {})) {
      const make = VALIDATION_MESSAGES[code];
      const message = make ? make(field, argumentOf(code, text)) : validationFallback(field, text);
      out.push({ field, code: code === 'whitelistValidation' ? 'unknown_field' : code, message });
    }
    if (e.children?.length) out.push(...flattenValidationErrors(e.children, field));
  }
  return out;
}
