import { Module } from '@nestjs/common';
import { PushController } from './push.controller';
import { PushDispatcher } from './push-dispatcher.service';
import { PushSender } from './push-sender.service';
import { PushSubscriptionsRepository } from './push-subscriptions.repository';

@Module({
  controllers: [PushController],
  providers: [PushSubscriptionsRepository, PushSender, PushDispatcher],
  exports: [PushSender, PushDispatcher],
})
export class PushModule {}
