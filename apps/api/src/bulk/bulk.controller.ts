import { Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConsumes, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Role } from '@akiwa/contracts';
import { AuditLog } from '../audit/audit-log.service';
import { Auth, CurrentUser } from '../common/auth/auth.decorators';
import type { AuthUser } from '../common/auth/auth-user';
import { serviceNight } from '@akiwa/domain';
import { Clock } from '../common/time/clock';
import { VacancyWindowQuery } from '../vacancies/vacancy.dto';
import { decodeCsv } from './csv-codec';

/** The parts of Express's request and response used here (the raw CSV body, headers). */
type Request = { body: unknown; headers: Record<string, string | string[] | undefined> };
type Response = { setHeader(name: string, value: string): unknown };
import { UnitsCsvService } from './units-csv.service';
import { VacanciesCsvService } from './vacancies-csv.service';

/**
 * CSV in and out for a provider's own units and vacancies (Excel). Imported before UnitsModule so
 * that `units/export.csv` is routed here rather than to `units/:id`.
 */
@ApiTags('csv')
@Auth(Role.ProviderStaff)
@Controller()
export class BulkController {
  constructor(
    private readonly unitsCsv: UnitsCsvService,
    private readonly vacanciesCsv: VacanciesCsvService,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  @Get('units/export.csv')
  @ApiProduces('text/csv')
  async exportUnits(@CurrentUser() auth: AuthUser, @Res({ passthrough: true }) res: Response) {
    const csv = await this.unitsCsv.export(auth);
    await this.audit.record({ actor: auth, action: 'export.units_csv', subjectType: 'organisation', subjectId: auth.organisationId });
    attachment(res, `units-${serviceNight(this.clock.now())}.csv`);
    return csv;
  }

  @Get('vacancies/export.csv')
  @ApiProduces('text/csv')
  async exportVacancies(@CurrentUser() auth: AuthUser, @Query() q: VacancyWindowQuery, @Res({ passthrough: true }) res: Response) {
    const csv = await this.vacanciesCsv.export(auth, q);
    await this.audit.record({ actor: auth, action: 'export.vacancies_csv', subjectType: 'organisation', subjectId: auth.organisationId, detail: { from: q.from ?? null, to: q.to ?? null } });
    attachment(res, `vacancies-${serviceNight(this.clock.now())}.csv`);
    return csv;
  }

  @Post('units/import')
  @HttpCode(200)
  @ApiConsumes('text/csv')
  @ApiBadRequestResponse({ description: 'validation_failed with `report` (CsvImportReport); nothing written' })
  importUnits(@CurrentUser() auth: AuthUser, @Req() req: Request) {
    return this.unitsCsv.import(auth, decodeCsv(req.body, String(req.headers['content-type'] ?? '')));
  }

  @Post('vacancies/import')
  @HttpCode(200)
  @ApiConsumes('text/csv')
  @ApiBadRequestResponse({ description: 'validation_failed with `report` (CsvImportReport); nothing written' })
  importVacancies(@CurrentUser() auth: AuthUser, @Req() req: Request) {
    return this.vacanciesCsv.import(auth, decodeCsv(req.body, String(req.headers['content-type'] ?? '')));
  }
}

function attachment(res: Response, filename: string) {
  res.setHeader('content-type', 'text/csv; charset=utf-8');
  res.setHeader('content-disposition', `attachment; filename="${filename}"`);
}
