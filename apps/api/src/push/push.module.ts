import { Module } from '@nestjs/common';
import { PushController } from './push.controller';
import { PushDispatchRepository } from './push-dispatch.repository';
import { PushDispatcher } from './push-dispatcher.service';
import { PushSender } from './push-sender.service';
import { PushSubscriptionsRepository } from './push-subscriptions.repository';

@Module({
  controllers: [PushController],
  providers: [PushSubscriptionsRepository, PushDispatchRepository, PushSender, PushDispatcher],
  exports: [PushSender, PushDispatcher],
})
export class PushModule {}
