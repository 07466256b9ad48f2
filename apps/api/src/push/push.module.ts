import { Module } from '@nestjs/common';
import { EmergencyRequestsModule } from '../emergency-requests/emergency-requests.module';
import { PushController } from './push.controller';
import { PushFanout } from './push-fanout.service';
import { PushSender } from './push-sender.service';
import { PushSubscriptionsRepository } from './push-subscriptions.repository';

@Module({
  imports: [EmergencyRequestsModule],
  controllers: [PushController],
  providers: [PushSubscriptionsRepository, PushSender, PushFanout],
  exports: [PushSender],
})
export class PushModule {}
