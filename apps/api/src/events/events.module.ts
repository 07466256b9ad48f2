import { Global, Module } from '@nestjs/common';
import { EventMetrics } from './event-metrics';
import { EventOutbox } from './event-outbox.service';
import { EventsGateway } from './events.gateway';
import { SocketReplay } from './socket-replay.service';
import { OutboxRelay } from './outbox-relay.service';
import { OutboxRepository } from './outbox.repository';

/** The durable event stream: outbox (written by features in their transactions), relay, replay. */
@Global()
@Module({
  providers: [OutboxRepository, EventOutbox, OutboxRelay, EventsGateway, SocketReplay, EventMetrics],
  exports: [EventOutbox, OutboxRelay, OutboxRepository],
})
export class EventsModule {}
