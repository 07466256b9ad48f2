import { Injectable, Logger } from '@nestjs/common';
import type { ReplayResult } from '@akiwa/contracts';
import type { AkiwaSocket } from '../realtime/realtime.types';
import { RealtimeService } from '../realtime/realtime.service';
import { OutboxRepository } from './outbox.repository';
import { EventMetrics } from './event-metrics';

/** A client further behind than this refetches everything instead. */
export const REPLAY_LIMIT = 10_000;

/** How a socket's one replay went: from `after`, over `rooms`, through `last`. */
interface CaughtUp {
  after: number;
  rooms: Set<string>;
  last: number;
  replayed: number;
  reset: boolean;
  error?: unknown;
}

/**
 * Each socket is caught up once, from the outbox: by its client's `events:replay`, or by the server
 * when that has not come within REPLAY_WAIT_MS of a handshake with `lastEventId` (RealtimeService.hold).
 * Whichever comes second gets the outcome of the first: nothing is sent twice or out of order.
 */
@Injectable()
export class SocketReplay {
  private readonly logger = new Logger('Replay');
  private readonly runs = new WeakMap<AkiwaSocket, Promise<CaughtUp>>();

  constructor(
    private readonly realtime: RealtimeService,
    private readonly repo: OutboxRepository,
    private readonly metrics: EventMetrics,
  ) {
    realtime.onReplayDue((socket, after) => this.catchUp(socket, after));
  }

  /** The socket's replay from `after`: run by the first caller, shared by later ones. */
  catchUp(socket: AkiwaSocket, after: number): Promise<CaughtUp> {
    let run = this.runs.get(socket);
    if (!run) {
      run = this.run(socket, after);
      this.runs.set(socket, run);
    }
    return run;
  }

  /** `events:replay` from a client that saw everything up to `after`. */
  async request(socket: AkiwaSocket, after: number): Promise<ReplayResult> {
    const first = !this.runs.has(socket);
    const done = await this.catchUp(socket, after);
    const lastEventId = Math.max(done.last, this.realtime.lastDelivered);
    if (first) {
      if (done.error) throw done.error;
      return { lastEventId, replayed: done.replayed, reset: done.reset };
    }
    // Already caught up (the wait expired first, or a repeated request): nothing is sent again. What
    // the socket could still lack — events before the replay's start, or in rooms joined since —
    // cannot reach it in order any more: the client refetches instead.
    const missed = done.error !== undefined || after < done.after || this.realtime.roomsOf(socket).some((r) => !done.rooms.has(r));
    return { lastEventId, replayed: 0, reset: done.reset || missed };
  }

  private async run(socket: AkiwaSocket, after: number): Promise<CaughtUp> {
    this.realtime.beginReplay(socket);
    const rooms = this.realtime.roomsOf(socket);
    try {
      const { events, reset } = await this.repo.replay(after, rooms, REPLAY_LIMIT);
      for (const e of events) socket.emit(e.event as 'vacancy:changed', { ...e.payload, eventId: e.position } as never);
      const last = this.realtime.endReplay(socket, events.length ? events[events.length - 1].position : after);
      this.metrics.replayed.inc(events.length);
      if (reset) this.metrics.replayResets.inc();
      return { after, rooms: new Set(rooms), last, replayed: events.length, reset };
    } catch (error) {
      // live events flow again; the client, told of the failure, refetches
      const last = this.realtime.endReplay(socket, after);
      this.logger.warn({ err: error, userId: socket.data.user?.userId }, 'replay failed');
      return { after, rooms: new Set(rooms), last, replayed: 0, reset: true, error };
    }
  }
}
