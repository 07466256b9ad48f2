import { ErrorCode, labelFieldsJa, type ApiFieldError } from '@akiwa/contracts';
import { CommonTexts } from './texts/common';

export interface Bilingual {
  ja: string;
  en: string;
}

const STATUS_BY_CODE: Partial<Record<ErrorCode, number>> = {
  validation_failed: 400,
  malformed_json: 400,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unauthenticated: 401,
  invalid_credentials: 401,
  too_many_attempts: 429,
  mfa_enrolment: 403,
  password_change: 403,
  invalid_mfa_code: 401,
  forbidden: 403,
  not_found: 404,
  route_not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  version_conflict: 409,
  capacity_exceeded: 409,
  policy_limit: 422,
  internal_error: 500,
  service_unavailable: 503,
};

/**
 * A domain failure with a stable code; mapped to HTTP and socket errors in one place (AllExceptionsFilter).
 * Japanese texts name fields by their label (libs/contracts FIELD_LABELS): a 「free」 written by any
 * call site reaches the person as 「空床数」; `details[].field` keeps the API's field name.
 */
export class AppException extends Error {
  readonly status: number;
  readonly bilingual: Bilingual;
  readonly details: ApiFieldError[];

  constructor(
    readonly code: ErrorCode,
    bilingual: Bilingual,
    details: ApiFieldError[] = [],
    /** Extra body fields, e.g. the current state on a version conflict. */
    readonly extra?: Record<string, unknown>,
  ) {
    super(bilingual.en);
    this.status = STATUS_BY_CODE[code] ?? 400;
    this.bilingual = { ...bilingual, ja: labelFieldsJa(bilingual.ja) };
    this.details = details.map((d) => ({ ...d, message: { ...d.message, ja: labelFieldsJa(d.message.ja) } }));
  }

  /** 「入力内容に誤りがあります: 空床数、終了日」: the summary of failed fields, by label. */
  static summary(fields: string[]): Bilingual {
    return CommonTexts.summary([...new Set(fields)]);
  }

  /** A 403; the texts come from the catalogue (texts/), the generic one by default. */
  static forbidden(text: Bilingual = CommonTexts.forbidden) {
    return new AppException(ErrorCode.Forbidden, text);
  }

  static notFound(what: Bilingual) {
    return new AppException(ErrorCode.NotFound, CommonTexts.notFound(what));
  }

  /** A single-field validation failure raised by a service (after DTO validation passed). */
  static invalidField(field: string, code: string, message: Bilingual) {
    return new AppException(ErrorCode.ValidationFailed, AppException.summary([field]), [
      { field, code, message },
    ]);
  }
}
