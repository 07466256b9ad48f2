import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Role } from '@akiwa/contracts';
import { Auth, CurrentUser } from '../common/auth/auth.decorators';
import type { AuthUser } from '../common/auth/auth-user';
import { ParseId } from '../common/http/parse-id.pipe';
import { AcknowledgementsService } from './acknowledgements.service';
import { EscalationsRepository } from './escalations.repository';
import { MarkDeliveredDto } from './alerts.dto';

/** A provider's devices report delivery; a person acknowledges (確認しました). */
@ApiTags('alerts')
@Controller('inbox')
export class InboxAcknowledgementsController {
  constructor(private readonly acks: AcknowledgementsService) {}

  @Auth(Role.ProviderStaff)
  @Post(':requestId/delivered')
  @HttpCode(204)
  async delivered(@CurrentUser() auth: AuthUser, @Param('requestId', ParseId('requestId')) requestId: string, @Body() dto: MarkDeliveredDto) {
    await this.acks.delivered(auth, requestId, dto.channel);
  }

  @Auth(Role.ProviderStaff)
  @Post(':requestId/seen')
  @HttpCode(200)
  seen(@CurrentUser() auth: AuthUser, @Param('requestId', ParseId('requestId')) requestId: string) {
    return this.acks.seen(auth, requestId);
  }
}

/** The posting coordinators: per provider, notified → delivered → seen → answered. */
@ApiTags('alerts')
@Controller('emergency-requests')
export class RequestReceiptsController {
  constructor(
    private readonly acks: AcknowledgementsService,
    private readonly escalations: EscalationsRepository,
  ) {}

  @Auth(Role.Coordinator)
  @Get(':id/receipts')
  receipts(@CurrentUser() auth: AuthUser, @Param('id', ParseId()) id: string) {
    return this.acks.forRequest(auth, id);
  }

  /** The escalation chain: each step with when it falls due, whether it fired, and who was told. */
  @Auth(Role.Coordinator)
  @Get(':id/escalations')
  async escalationsOf(@CurrentUser() auth: AuthUser, @Param('id', ParseId()) id: string) {
    await this.acks.checkOwn(auth, id);
    return this.escalations.forRequest(id);
  }
}
