import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Auth } from '../common/auth/auth.decorators';
import { GeographyService } from './geography.service';

@ApiTags('geography')
@Controller('geography')
export class GeographyController {
  constructor(private readonly geography: GeographyService) {}

  /** 都道府県 → 圏域 → 市区町村 (→ 区) reference data. */
  @Auth()
  @Get()
  all() {
    return this.geography.all();
  }
}
