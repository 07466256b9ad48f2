import { Logger } from '@nestjs/common';
import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import type { ApiErrorBody, ReplayResult } from '@akiwa/contracts';
import { AppException } from '../common/errors/app.exception';
import { toErrorBody } from '../common/errors/all-exceptions.filter';
import type { AkiwaSocket } from '../realtime/realtime.types';
import { RealtimeService } from '../realtime/realtime.service';
import { OutboxRepository } from './outbox.repository';
import { EventMetrics } from './event-metrics';

/** A client further behind than this refetches everything instead. */
export const REPLAY_LIMIT = 10_000;

type AckResult<T> = { ok: true; data?: T } | { ok: false; error: ApiErrorBody };

/** `events:replay`: what a reconnecting client missed, from the outbox, for the rooms it is in now. */
@WebSocketGateway({ transports: ['websocket'], cors: { origin: true } })
export class EventsGateway {
  private readonly logger = new Logger('Replay');

  constructor(
    private readonly realtime: RealtimeService,
    private readonly repo: OutboxRepository,
    private readonly metrics: EventMetrics,
  ) {}

  @SubscribeMessage('events:replay')
  async replay(@ConnectedSocket() socket: AkiwaSocket, @MessageBody() body: unknown): Promise<AckResult<ReplayResult>> {
    const after = (body as { after?: unknown } | null)?.after;
    if (typeof after !== 'number' || !Number.isSafeInteger(after) || after < 0) {
      return { ok: false, error: toErrorBody(AppException.invalidField('after', 'invalid', { ja: '「最後に受け取ったイベント」は0以上の整数です', en: 'after must be an integer ≥ 0' })) };
    }
    this.realtime.beginReplay(socket);
    try {
      const { events, reset } = await this.repo.replay(after, this.realtime.roomsOf(socket), REPLAY_LIMIT);
      for (const e of events) socket.emit(e.event as 'vacancy:changed', { ...e.payload, eventId: e.position } as never);
      const last = this.realtime.endReplay(socket, events.length ? events[events.length - 1].position : after);
      this.metrics.replayed.inc(events.length);
      if (reset) this.metrics.replayResets.inc();
      return { ok: true, data: { lastEventId: Math.max(last, this.realtime.lastDelivered), replayed: events.length, reset } };
    } catch (e) {
      this.realtime.endReplay(socket, after);
      this.logger.warn({ err: e, userId: socket.data.user?.userId }, 'replay failed');
      return { ok: false, error: toErrorBody(e) };
    }
  }
}
