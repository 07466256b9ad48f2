import { Injectable, type PipeTransform } from '@nestjs/common';
import { AppException } from '../common/errors/app.exception';
import { TrialStayTexts } from '../common/errors/texts';

/** A 5-digit municipality code in the path, named like any other field when malformed. */
@Injectable()
export class MunicipalityCodePipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!/^\d{5}$/.test(value)) {
      throw AppException.invalidField('municipalityCode', 'matches', TrialStayTexts.municipalityCodeFormat);
    }
    return value;
  }
}
