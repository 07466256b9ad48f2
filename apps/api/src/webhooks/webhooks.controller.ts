import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Role } from '@akiwa/contracts';
import { Auth, CurrentUser } from '../common/auth/auth.decorators';
import type { AuthUser } from '../common/auth/auth-user';
import { ParseId } from '../common/http/parse-id.pipe';
import { CreateWebhookDto } from './webhook.dto';
import { WebhooksService } from './webhooks.service';

/** The caller's organisation's webhook endpoints (its administrators only). */
@ApiTags('admin')
@Auth(Role.Admin)
@Controller('admin/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Get()
  list(@CurrentUser() auth: AuthUser) {
    return this.webhooks.list(auth);
  }

  /** The answer carries the signing secret: the only time it is shown. */
  @Post()
  create(@CurrentUser() auth: AuthUser, @Body() dto: CreateWebhookDto) {
    return this.webhooks.create(auth, dto);
  }

  @Get(':id')
  get(@CurrentUser() auth: AuthUser, @Param('id', ParseId()) id: string) {
    return this.webhooks.get(auth, id);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@CurrentUser() auth: AuthUser, @Param('id', ParseId()) id: string) {
    return this.webhooks.remove(auth, id);
  }

  @Post(':id/enable')
  @HttpCode(200)
  enable(@CurrentUser() auth: AuthUser, @Param('id', ParseId()) id: string) {
    return this.webhooks.enable(auth, id);
  }

  @Get(':id/deliveries')
  deliveries(@CurrentUser() auth: AuthUser, @Param('id', ParseId()) id: string) {
    return this.webhooks.deliveries(auth, id);
  }
}
