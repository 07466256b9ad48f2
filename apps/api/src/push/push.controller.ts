import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Auth, CurrentUser } from '../common/auth/auth.decorators';
import type { AuthUser } from '../common/auth/auth-user';
import { AppException } from '../common/errors/app.exception';
import { ParseId } from '../common/http/parse-id.pipe';
import { Clock } from '../common/time/clock';
import { PushSender } from './push-sender.service';
import { PushSubscriptionsRepository } from './push-subscriptions.repository';
import { SubscribePushDto } from './push.dto';
import { Things } from '../common/errors/texts';

/** Each user's devices that receive Web Push: enable on this device, list, revoke. */
@ApiTags('push')
@Controller('push')
export class PushController {
  constructor(
    private readonly subscriptions: PushSubscriptionsRepository,
    private readonly sender: PushSender,
    private readonly clock: Clock,
  ) {}

  /** The VAPID public key the browser subscribes with. */
  @Auth()
  @Get('key')
  key() {
    return { publicKey: this.sender.publicKey };
  }

  @Auth()
  @Get('subscriptions')
  list(@CurrentUser() auth: AuthUser) {
    return this.subscriptions.list(auth.userId);
  }

  @Auth()
  @Post('subscriptions')
  subscribe(@CurrentUser() auth: AuthUser, @Body() dto: SubscribePushDto) {
    return this.subscriptions.upsert(auth.userId, { endpoint: dto.endpoint, p256dh: dto.keys.p256dh, auth: dto.keys.auth, label: dto.label }, this.clock.now());
  }

  @Auth()
  @Delete('subscriptions/:id')
  @HttpCode(204)
  async revoke(@CurrentUser() auth: AuthUser, @Param('id', ParseId()) id: string) {
    if (!(await this.subscriptions.remove(auth.userId, id))) throw AppException.notFound(Things.device);
  }
}
