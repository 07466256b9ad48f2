import { Module } from '@nestjs/common';
import { EmergencyRequestsModule } from '../emergency-requests/emergency-requests.module';
import { OncallModule } from '../oncall/oncall.module';
import { PushModule } from '../push/push.module';
import { AcknowledgementsService } from './acknowledgements.service';
import { AlertDelivery } from './alert-delivery.service';
import { InboxAcknowledgementsController, RequestReceiptsController } from './alerts.controller';
import { EscalationPoller } from './escalation-poller.service';
import { EscalationsRepository } from './escalations.repository';
import { ReceiptsRepository } from './receipts.repository';
import { UrgentContactsController } from './urgent-contacts.controller';
import { UrgentContactsService } from './urgent-contacts.service';

@Module({
  imports: [EmergencyRequestsModule, OncallModule, PushModule],
  controllers: [InboxAcknowledgementsController, RequestReceiptsController, UrgentContactsController],
  providers: [ReceiptsRepository, AcknowledgementsService, EscalationsRepository, EscalationPoller, AlertDelivery, UrgentContactsService],
  exports: [AlertDelivery],
})
export class AlertsModule {}
