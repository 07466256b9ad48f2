import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Role } from '@akiwa/contracts';
import { Auth, CurrentUser } from '../common/auth/auth.decorators';
import type { AuthUser } from '../common/auth/auth-user';
import { ParseId } from '../common/http/parse-id.pipe';
import { LedgerCountQuery, LedgerSearchDto, RegistrationInputDto, ShareDto, UpdateRegistrationDto } from './registration.dto';
import { RegistrationsService } from './registrations.service';

/** 登録者台帳: 緊急時利用登録 (seed 003 別紙3), consent-scoped. */
@ApiTags('ledger')
@Controller('ledger')
export class LedgerController {
  constructor(private readonly registrations: RegistrationsService) {}

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
