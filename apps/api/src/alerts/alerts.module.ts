import { Module } from '@nestjs/common';
import { EmergencyRequestsModule } from '../emergency-requests/emergency-requests.module';
import { OncallModule } from '../oncall/oncall.module';
import { PersonAlertsModule } from '../person-alerts/person-alerts.module';
import { AcknowledgementsService } from './acknowledgements.service';
import { InboxAcknowledgementsController, RequestReceiptsController } from './alerts.controller';
import { EscalationPoller } from './escalation-poller.service';
import { EscalationsRepository } from './escalations.repository';
import { ReceiptsRepository } from './receipts.repository';
import { UrgentContactsController } from './urgent-contacts.controller';
import { UrgentContactsRepository } from './urgent-contacts.repository';
import { UrgentContactsService } from './urgent-contacts.service';

@Module({
  imports: [EmergencyRequestsModule, OncallModule, PersonAlertsModule],
  controllers: [InboxAcknowledgementsController, RequestReceiptsController, UrgentContactsController],
  providers: [ReceiptsRepository, AcknowledgementsService, EscalationsRepository, EscalationPoller, UrgentContactsRepository, UrgentContactsService],
})
export class AlertsModule {}
