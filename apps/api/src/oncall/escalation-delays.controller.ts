import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Role, type EscalationDelays } from '@akiwa/contracts';
import { Auth, CurrentUser } from '../common/auth/auth.decorators';
import type { AuthUser } from '../common/auth/auth-user';
import { UpdateEscalationDelaysDto } from './escalation-delays.dto';
import { EscalationDelaysService } from './escalation-delays.service';

/** The escalation delays of the coordinator's region (圏域). */
@ApiTags('oncall')
@Controller('oncall/escalation-delays')
export class EscalationDelaysController {
  constructor(private readonly delays: EscalationDelaysService) {}

  @Auth(Role.Coordinator)
  @Get()
  get(@CurrentUser() auth: AuthUser): Promise<EscalationDelays> {
    return this.delays.get(auth);
  }

  @Auth(Role.Coordinator)
  @Put()
  update(@CurrentUser() auth: AuthUser, @Body() dto: UpdateEscalationDelaysDto): Promise<EscalationDelays> {
    return this.delays.update(auth, dto);
  }
}
