import { Module } from '@nestjs/common';
import { EmergencyRequestsModule } from '../emergency-requests/emergency-requests.module';
import { AcknowledgementsService } from './acknowledgements.service';
import { InboxAcknowledgementsController, RequestReceiptsController } from './alerts.controller';
import { ReceiptsRepository } from './receipts.repository';

@Module({
  imports: [EmergencyRequestsModule],
  controllers: [InboxAcknowledgementsController, RequestReceiptsController],
  providers: [ReceiptsRepository, AcknowledgementsService],
})
export class AlertsModule {}
