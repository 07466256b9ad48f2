import { Controller, Get, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Auth, CurrentUser } from '../common/auth/auth.decorators';
import type { AuthUser } from '../common/auth/auth-user';
import { ParseId } from '../common/http/parse-id.pipe';
import { assertOwnOrganisation } from '../common/auth/organisation-scope';
import { AppException } from '../common/errors/app.exception';
import { OrganisationsService } from './organisations.service';
import { Things } from '../common/errors/texts';

/** What any user may see of their own organisation: its profile and its members. */
@ApiTags('organisations')
@Auth()
@Controller('organisations')
export class MyOrganisationController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Get(':id')
  async get(@CurrentUser() auth: AuthUser, @Param('id', ParseId()) id: string) {
    assertOwnOrganisation(auth, id);
    const org = await this.organisations.view(id);
    if (!org) throw AppException.notFound(Things.organisation);
    return org;
  }

  @Get(':id/members')
  async members(@CurrentUser() auth: AuthUser, @Param('id', ParseId()) id: string) {
    assertOwnOrganisation(auth, id);
    return this.organisations.members(id);
  }
}
