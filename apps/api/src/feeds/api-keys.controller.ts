import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Role } from '@akiwa/contracts';
import { Auth, CurrentUser } from '../common/auth/auth.decorators';
import type { AuthUser } from '../common/auth/auth-user';
import { ParseId } from '../common/http/parse-id.pipe';
import { ApiKeyListQuery, IssueApiKeyDto } from './api-key.dto';
import { ApiKeysService } from './api-keys.service';

/** API keys of the open feeds, issued and revoked by an administrator. */
@ApiTags('admin')
@Auth(Role.Admin)
@Controller('admin/api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Get()
  list(@Query() q: ApiKeyListQuery) {
    return this.keys.list(q.organisationId);
  }

  /** The answer carries the key itself: the only time it is shown. */
  @Post()
  issue(@CurrentUser() auth: AuthUser, @Body() dto: IssueApiKeyDto) {
    return this.keys.issue(auth, dto.organisationId, dto.name);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  revoke(@CurrentUser() auth: AuthUser, @Param('id', ParseId()) id: string) {
    return this.keys.revoke(auth, id);
  }
}
