import { ParseUUIDPipe } from '@nestjs/common';
import { AppException } from '../errors/app.exception';

/** A UUID path parameter whose failure names the parameter like any other field. */
export const ParseId = (field = 'id') =>
  new ParseUUIDPipe({
    exceptionFactory: () =>
      AppException.invalidField(field, 'isUuid', { ja: `「${field}」の形式が正しくありません（UUID）`, en: `${field} must be a UUID` }),
  });
