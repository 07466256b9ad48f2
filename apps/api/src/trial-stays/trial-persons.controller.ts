import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Role } from '@akiwa/contracts';
import { Auth, CurrentUser } from '../common/auth/auth.decorators';
import type { AuthUser } from '../common/auth/auth-user';
import { ParseId } from '../common/http/parse-id.pipe';
import { MunicipalityCodePipe } from './municipality-code.pipe';
import { CreateTrialPersonDto, PersonSummaryQuery, SetTrialPolicyDto } from './trial-stay.dto';
import { TrialPersonsService } from './trial-persons.service';

/** Persons a coordinator books trial stays for: scoped to the coordinator's organisation. */
@ApiTags('trial-stays')
@Controller('trial-persons')
export class TrialPersonsController {
  constructor(private readonly persons: TrialPersonsService) {}

  @Auth(Role.Coordinator)
  @Get()
  list(@CurrentUser() auth: AuthUser) {
    return this.persons.list(auth);
  }

  @Auth(Role.Coordinator)
  @Post()
  create(@CurrentUser() auth: AuthUser, @Body() dto: CreateTrialPersonDto) {
    return this.persons.create(auth, dto);
  }

  @Auth(Role.Coordinator, Role.Admin)
  @Get(':id/summary')
  summary(@CurrentUser() auth: AuthUser, @Param('id', ParseId()) id: string, @Query() q: PersonSummaryQuery) {
    return this.persons.summary(auth, id, q.fiscalYear);
  }
}

/** Municipal trial-stay limits (national defaults 30 / 50 when none is set). */
@ApiTags('trial-stays')
@Controller('trial-stay-policies')
export class TrialPoliciesController {
  constructor(private readonly persons: TrialPersonsService) {}

  @Auth()
  @Get(':municipalityCode')
  get(@Param('municipalityCode', MunicipalityCodePipe) code: string) {
    return this.persons.getPolicy(code);
  }

  @Auth(Role.Admin, Role.MunicipalOfficer)
  @Put(':municipalityCode')
  set(@CurrentUser() auth: AuthUser, @Param('municipalityCode', MunicipalityCodePipe) code: string, @Body() dto: SetTrialPolicyDto) {
    return this.persons.setPolicy(auth, code, dto);
  }
}
