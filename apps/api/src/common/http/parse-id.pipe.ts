import { ParseUUIDPipe } from '@nestjs/common';
import { AppException } from '../errors/app.exception';
import { VALIDATION_MESSAGES } from '../errors/texts';

/** A UUID path parameter whose failure names the parameter like any other field. */
export const ParseId = (field = 'id') =>
  new ParseUUIDPipe({
    exceptionFactory: () =>
      AppException.invalidField(field, 'isUuid', VALIDATION_MESSAGES.isUuid(field, '')),
  });
