import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import { ErrorCode } from '@akiwa/contracts';
import { AppException } from './app.exception';
import { HttpTexts } from './texts';
import { flattenValidationErrors } from './validation-messages';

/** Whitelist, reject unknown fields, transform; failures name every field in Japanese and English. */
const NOT_AN_OBJECT = new AppException(
  ErrorCode.ValidationFailed,
  HttpTexts.bodyNotAnObject,
  [{ field: 'body', code: 'isObject', message: HttpTexts.bodyNotAnObjectField }],
);

/** A body must be one JSON object: arrays and bare values are refused before field validation. */
class AkiwaValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata) {
    if (metadata.type === 'body' && metadata.metatype && metadata.metatype !== Object && (value === null || typeof value !== 'object' || Array.isArray(value))) {
      throw NOT_AN_OBJECT;
    }
    return super.transform(value, metadata);
  }
}

export function createValidationPipe() {
  return new AkiwaValidationPipe({
    stopAtFirstError: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const details = flattenValidationErrors(errors);
      return new AppException(ErrorCode.ValidationFailed, AppException.summary(details.map((d) => d.field)), details);
    },
  });
}
