import { Body, Controller, Get, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ParseId } from '../common/http/parse-id.pipe';
import { ApiTags } from '@nestjs/swagger';
import { Role } from '@akiwa/contracts';
import type { AuthUser } from '../common/auth/auth-user';
import { Auth, CurrentUser } from '../common/auth/auth.decorators';
import { PaginationQuery } from '../common/http/pagination.dto';
import { CreateOrganisationDto, SetServiceAreaDto, UpdateOrganisationDto } from './organisation.dto';
import { OrganisationsService } from './organisations.service';

@ApiTags('admin')
@Auth(Role.Admin)
@Controller('admin/organisations')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Get()
  list(@Query() q: PaginationQuery) {
    return this.organisations.list(q.limit, q.offset);
  }

  @Post()
  create(@CurrentUser() auth: AuthUser, @Body() dto: CreateOrganisationDto) {
    return this.organisations.create(dto, auth);
  }

  @Patch(':id')
  update(@CurrentUser() auth: AuthUser, @Param('id', ParseId()) id: string, @Body() dto: UpdateOrganisationDto) {
    return this.organisations.update(id, dto, auth);
  }

  /** The municipalities a consultation centre serves (its coordinators post requests only for them). */
  @Get(':id/service-area')
  serviceArea(@Param('id', ParseId()) id: string) {
    return this.organisations.serviceArea(id);
  }

  @Put(':id/service-area')
  setServiceArea(@CurrentUser() auth: AuthUser, @Param('id', ParseId()) id: string, @Body() dto: SetServiceAreaDto) {
    return this.organisations.setServiceArea(id, dto.municipalityCodes, auth);
  }
}
