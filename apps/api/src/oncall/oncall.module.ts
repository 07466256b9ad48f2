import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { EscalationDelaysController } from './escalation-delays.controller';
import { EscalationDelaysRepository } from './escalation-delays.repository';
import { EscalationDelaysService } from './escalation-delays.service';
import { InboxOnCallController, RotaController } from './rota.controller';
import { RotaRepository } from './rota.repository';
import { RotaService } from './rota.service';

@Module({
  imports: [AuditModule],
  controllers: [RotaController, InboxOnCallController, EscalationDelaysController],
  providers: [RotaRepository, RotaService, EscalationDelaysRepository, EscalationDelaysService],
  exports: [RotaService],
})
export class OncallModule {}
