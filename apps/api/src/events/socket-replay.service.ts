import { Injectable, Logger } from '@nestjs/common';
import type { ReplayResult } from '@akiwa/contracts';
import type { AkiwaSocket } from '../realtime/realtime.types';
import { RealtimeService } from '../realtime/realtime.service';
import { OutboxRepository, type ReplayRow } from './outbox.repository';
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
  /** Replays read and waiting to be sent together, at the end of this turn of the event loop (see send). */
  private sending: { socket: AkiwaSocket; events: ReplayRow[]; sent: (error?: unknown) => void }[] = [];

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

  /**
   * Replays read together (OutboxRepository.replay shares one read between those asked together) are
   * answered in the same turn of the event loop: sent together, each event is encoded once for all the
   * sockets that need it (RealtimeService.sendReplayed). Live events stay held for the socket meanwhile.
   */
  private send(socket: AkiwaSocket, events: ReplayRow[]): Promise<void> {
    if (!events.length) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.sending.push({ socket, events, sent: (error) => (error === undefined ? resolve() : reject(error)) });
      if (this.sending.length > 1) return;
      setImmediate(() => {
        const batch = this.sending;
        this.sending = [];
        let failed: unknown;
        try {
          this.realtime.sendReplayed(batch);
        } catch (error) {
          failed = error ?? new Error('sending replayed events failed'); // each replay then fails: its client refetches
        }
        for (const b of batch) b.sent(failed);
      });
    });
  }

  private async run(socket: AkiwaSocket, after: number): Promise<CaughtUp> {
    this.realtime.beginReplay(socket);
    const rooms = this.realtime.roomsOf(socket);
    try {
      const { events, reset } = await this.repo.replay(after, rooms, REPLAY_LIMIT);
      await this.send(socket, events);
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
