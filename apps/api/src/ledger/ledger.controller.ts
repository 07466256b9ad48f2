import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConsumes, ApiProduces, ApiTags } from '@nestjs/swagger';
import { serviceNight } from '@akiwa/domain';
import { Role } from '@akiwa/contracts';
import { Auth, CurrentUser } from '../common/auth/auth.decorators';
import type { AuthUser } from '../common/auth/auth-user';
import { ParseId } from '../common/http/parse-id.pipe';
import { Clock } from '../common/time/clock';
import { decodeCsv } from '../bulk/csv-codec';
import { LedgerCountQuery, LedgerExportQuery, LedgerSearchDto, RegistrationInputDto, ShareDto, UpdateRegistrationDto } from './registration.dto';
import { RegistrationsCsvService } from './registrations-csv.service';
import { RegistrationsService } from './registrations.service';

/** The parts of Express's request and response used here (the raw CSV body, headers). */
type Request = { body: unknown; headers: Record<string, string | string[] | undefined> };
type Response = { setHeader(name: string, value: string): unknown };

/** 登録者台帳: 緊急時利用登録 (seed 003 別紙3), consent-scoped. */
@ApiTags('ledger')
@Controller('ledger')
export class LedgerController {
  constructor(
    private readonly registrations: RegistrationsService,
    private readonly csv: RegistrationsCsvService,
    private readonly clock: Clock,
  ) {}

  /** 登録者数 per municipality: an aggregate (no personal data), for the annual report. */
  @Auth(Role.Admin, Role.MunicipalOfficer, Role.Coordinator)
  @Get('count')
  count(@Query() q: LedgerCountQuery) {
    return this.registrations.countByMunicipality(q.municipalityCode ? [q.municipalityCode] : undefined);
  }

  @Auth(Role.Coordinator, Role.Admin)
  @Get('registrations')
  search(@CurrentUser() auth: AuthUser, @Query() q: LedgerSearchDto) {
    return this.registrations.search(auth, q);
  }

  /** An existing Excel 台帳 (UTF-8 with or without BOM, or Shift_JIS): every row or none. */
  @Auth(Role.Coordinator)
  @Post('import')
  @HttpCode(200)
  @ApiConsumes('text/csv')
  @ApiBadRequestResponse({ description: 'validation_failed with `report` (CsvImportReport, errors per row in Japanese); nothing written' })
  import(@CurrentUser() auth: AuthUser, @Req() req: Request) {
    return this.csv.import(auth, decodeCsv(req.body, String(req.headers['content-type'] ?? '')));
  }

  /** The ledger for the municipality (the caller's consented persons; one audited read). */
  @Auth(Role.Coordinator, Role.Admin)
  @Get('export.csv')
  @ApiProduces('text/csv')
  async export(@CurrentUser() auth: AuthUser, @Query() q: LedgerExportQuery, @Res({ passthrough: true }) res: Response) {
    const csv = await this.csv.export(auth, q.municipalityCode);
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="ledger-${q.municipalityCode ?? 'all'}-${serviceNight(this.clock.now(), 0)}.csv"`);
    return csv;
  }

  @Auth(Role.Coordinator)
  @Post('registrations')
  create(@CurrentUser() auth: AuthUser, @Body() dto: RegistrationInputDto) {
    return this.registrations.createAndRead(auth, dto);
  }

  @Auth(Role.Coordinator, Role.Admin, Role.ProviderStaff)
  @Get('registrations/:id')
  get(@CurrentUser() auth: AuthUser, @Param('id', ParseId()) id: string) {
    return this.registrations.get(auth, id);
  }

  @Auth(Role.Coordinator)
  @Put('registrations/:id')
  update(@CurrentUser() auth: AuthUser, @Param('id', ParseId()) id: string, @Body() dto: UpdateRegistrationDto) {
    return this.registrations.update(auth, id, dto);
  }

  @Auth(Role.Coordinator)
  @Get('registrations/:id/history')
  history(@CurrentUser() auth: AuthUser, @Param('id', ParseId()) id: string) {
    return this.registrations.history(auth, id);
  }

  @Auth(Role.Coordinator)
  @Get('registrations/:id/request-draft')
  draft(@CurrentUser() auth: AuthUser, @Param('id', ParseId()) id: string) {
    return this.registrations.requestDraft(auth, id);
  }

  @Auth(Role.Coordinator)
  @Post('registrations/:id/organisations')
  @HttpCode(200)
  share(@CurrentUser() auth: AuthUser, @Param('id', ParseId()) id: string, @Body() dto: ShareDto) {
    return this.registrations.share(auth, id, dto.organisationId);
  }

  @Auth(Role.Coordinator)
  @Post('registrations/:id/organisations/:organisationId/withdraw')
  @HttpCode(200)
  withdraw(@CurrentUser() auth: AuthUser, @Param('id', ParseId()) id: string, @Param('organisationId', ParseId('organisationId')) organisationId: string) {
    return this.registrations.withdraw(auth, id, organisationId);
  }
}
