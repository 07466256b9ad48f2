import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiTags } from '@nestjs/swagger';
import { Role } from '@akiwa/contracts';
import { Auth, CurrentUser } from '../common/auth/auth.decorators';
import type { AuthUser } from '../common/auth/auth-user';
import { ParseId } from '../common/http/parse-id.pipe';
import { CreateUnitDto, ListUnitsQuery, SetAdmissionsDto, UpdateUnitDto } from './unit.dto';
import { UnitsService } from './units.service';

/** Units are changed by their own provider's staff only; anyone logged in may read active units. */
@ApiTags('units')
@Controller('units')
export class UnitsController {
  constructor(private readonly units: UnitsService) {}

  @Auth()
  @Get()
  list(@CurrentUser() auth: AuthUser, @Query() q: ListUnitsQuery) {
    return this.units.list(auth, q);
  }

  @Auth(Role.ProviderStaff)
  @Post()
  create(@CurrentUser() auth: AuthUser, @Body() dto: CreateUnitDto) {
    return this.units.create(auth, dto);
  }

  @Auth()
  @Get(':id')
  get(@CurrentUser() auth: AuthUser, @Param('id', ParseId()) id: string) {
    return this.units.get(auth, id);
  }

  @Auth()
  @Get(':id/history')
  history(@CurrentUser() auth: AuthUser, @Param('id', ParseId()) id: string) {
    return this.units.history(auth, id);
  }

  @Auth(Role.ProviderStaff)
  @Patch(':id')
  @ApiConflictResponse({ description: 'version_conflict: the body carries the current unit as `current`' })
  update(@CurrentUser() auth: AuthUser, @Param('id', ParseId()) id: string, @Body() dto: UpdateUnitDto) {
    return this.units.update(auth, id, dto);
  }

  /** 受入停止中 / 夜間受入可: the unit's own provider, apart from the unit's fields (no version to send: a pause cannot wait). */
  @Auth(Role.ProviderStaff)
  @Put(':id/admissions')
  setAdmissions(@CurrentUser() auth: AuthUser, @Param('id', ParseId()) id: string, @Body() dto: SetAdmissionsDto) {
    return this.units.setAdmissions(auth, id, dto);
  }

  @Auth(Role.ProviderStaff)
  @Post(':id/retire')
  @HttpCode(200)
  retire(@CurrentUser() auth: AuthUser, @Param('id', ParseId()) id: string) {
    return this.units.retire(auth, id);
  }
}
