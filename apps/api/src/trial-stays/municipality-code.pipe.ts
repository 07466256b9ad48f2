import { Injectable, type PipeTransform } from '@nestjs/common';
import { AppException } from '../common/errors/app.exception';

/** A 5-digit municipality code in the path, named like any other field when malformed. */
@Injectable()
export class MunicipalityCodePipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!/^\d{5}$/.test(value)) {
      throw AppException.invalidField('municipalityCode', 'matches', { ja: '「municipalityCode」は5桁の数字で指定してください', en: 'municipalityCode must be 5 digits' });
    }
    return value;
  }
}
