import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { ServerToClientEvents } from '@akiwa/contracts';
import { ENV, type ResolvedEnv } from '../config/env';
import type { AkiwaServer, AkiwaSocket } from './realtime.types';
import { inOneWrite } from './coalesced-writes';

/** A committed, sequenced event as the relay hands it over (see events/outbox.repository.ts). */
export interface SequencedEvent {
  position: number;
  event: string;
  rooms: string[];
  payload: Record<string, unknown>;
}

/** Sockets in this room are replaying: live events are held back for them (see beginReplay). */
const REPLAYING_ROOM = 'replaying';

/** A socket whose live events wait for its replay (held), or skip what its replay already sent (through). */
interface Replaying {
  socket: AkiwaSocket;
  held: SequencedEvent[];
  /** While the socket waits for its `events:replay` (see hold). */
  timer?: NodeJS.Timeout;
  through?: number;
}

/** The events module's replay of a socket from `after`: the one way a socket catches up (see hold). */
export type CatchUp = (socket: AkiwaSocket, after: number) => Promise<unknown>;

/** Typed emits to rooms, so every event reaches only those it concerns (never a broadcast to all). */
@Injectable()
export class RealtimeService {
  private readonly logger = new Logger('Realtime');
  private server?: AkiwaServer;
  private readonly replaying = new Map<string, Replaying>();
  private catchUp?: CatchUp;
  private readonly waitMs: number;
  /** The last position this instance delivered (its relay's cursor). */
  lastDelivered = 0;
  /** Deliveries to sockets of this instance (socket × event), for the metrics. */
  delivered = 0;

  constructor(@Optional() @Inject(ENV) env?: ResolvedEnv) {
    this.waitMs = env?.REPLAY_WAIT_MS ?? 10_000;
  }

  attach(server: AkiwaServer) {
    this.server = server;
  }

  get io(): AkiwaServer {
    if (!this.server) throw new Error('socket.io server not ready');
    return this.server;
  }

  /** Transient events only; durable ones go through the outbox (EventOutbox.append). */
  send<E extends keyof ServerToClientEvents>(rooms: string | string[], event: E, ...args: Parameters<ServerToClientEvents[E]>) {
    if (!this.server || (Array.isArray(rooms) && rooms.length === 0)) return;
    try {
      this.server.to(rooms).emit(event, ...args);
    } catch (err) {
      // a broadcast never fails the write that caused it (the adapter's own failures are caught in RedisLink)
      this.logger.error({ err, event }, 'emit failed');
    }
  }

  /** A relay pass's events, in order: each socket's share of them leaves in one write (inOneWrite). */
  deliverAll(events: SequencedEvent[]) {
    inOneWrite(() => {
      for (const e of events) this.deliver(e);
    });
  }

  /**
   * Emits a committed event to this instance's sockets in its rooms (each instance's relay reads the
   * outbox itself, so no event depends on Redis); sockets replaying get it after their replay.
   */
  deliver(e: SequencedEvent) {
    this.lastDelivered = Math.max(this.lastDelivered, e.position);
    if (!this.server) return;
    try {
      const payload = { ...e.payload, eventId: e.position };
      const local = this.server.local.to(e.rooms);
      this.delivered += countIn(this.server, e.rooms);
      if (e.event === 'session:ended') {
        // the ended sessions' sockets on this instance: told (replaying or not) and disconnected
        local.emit('session:ended', payload as never);
        this.server.local.in(e.rooms).disconnectSockets(false);
        return;
      }
      (this.replaying.size ? local.except(REPLAYING_ROOM) : local).emit(e.event as 'vacancy:changed', payload as never);
      for (const r of this.replaying.values()) {
        if (r.through !== undefined) {
          // its replay read further than this relay had delivered: what it already has is skipped, the rest sent in order
          if (e.position > r.through && e.rooms.some((room) => r.socket.rooms.has(room))) r.socket.emit(e.event as 'vacancy:changed', payload as never);
          if (this.lastDelivered >= r.through) this.forget(r.socket);
        } else if (e.rooms.some((room) => r.socket.rooms.has(room))) r.held.push(e);
      }
    } catch (err) {
      this.logger.error({ err, event: e.event }, 'delivery failed');
    }
  }

  /**
   * Replayed events, to the sockets whose replays were read together: each event is sent to all that
   * need it as one broadcast to their ids, so it is encoded (JSON and WebSocket frame) once instead of
   * once per socket; every socket gets its own events in order, as with one emit per event.
   */
  sendReplayed(replays: { socket: AkiwaSocket; events: { position: number; event: string; payload: Record<string, unknown> }[] }[]) {
    if (replays.length === 1) {
      const [{ socket, events }] = replays;
      for (const e of events) socket.emit(e.event as 'vacancy:changed', { ...e.payload, eventId: e.position } as never);
      return;
    }
    const audiences = new Map<number, { event: string; payload: Record<string, unknown>; ids: string[] }>();
    for (const { socket, events } of replays) {
      if (socket.disconnected) continue;
      for (const e of events) {
        const audience = audiences.get(e.position);
        if (audience) audience.ids.push(socket.id);
        else audiences.set(e.position, { event: e.event, payload: e.payload, ids: [socket.id] });
      }
    }
    for (const position of [...audiences.keys()].sort((a, b) => a - b)) {
      const { event, payload, ids } = audiences.get(position)!;
      // local: these sockets are on this instance (no Redis publish); ids: each socket's own room
      this.io.local.to(ids).emit(event as 'vacancy:changed', { ...payload, eventId: position } as never);
    }
  }

  /** Set by the events module: how a socket whose wait expired is caught up. */
  onReplayDue(catchUp: CatchUp) {
    this.catchUp = catchUp;
  }

  /**
   * At the handshake of a socket resuming from `after`: its live events are held until its replay.
   * If the client's `events:replay` has not come within REPLAY_WAIT_MS (an overloaded client or
   * server), the server replays from `after` itself, by the same path, before releasing what it
   * held: flushing the held events first would let the late replay send older ones after them.
   */
  hold(socket: AkiwaSocket, after: number) {
    this.beginReplay(socket);
    const r = this.replaying.get(socket.id)!;
    r.timer = setTimeout(() => {
      r.timer = undefined;
      if (this.catchUp) void this.catchUp(socket, after);
      else this.endReplay(socket, 0);
    }, this.waitMs);
    r.timer.unref();
  }

  /** From now on live events for this socket are held back until endReplay (idempotent; a replay under way stops the wait). */
  beginReplay(socket: AkiwaSocket) {
    const r = this.replaying.get(socket.id);
    if (r) {
      clearTimeout(r.timer);
      r.timer = undefined;
      return;
    }
    socket.join(REPLAYING_ROOM);
    this.replaying.set(socket.id, { socket, held: [] });
    socket.once('disconnect', () => this.forget(socket));
  }

  /** Rooms a replay may cover: the socket's own rooms now (entitlement checked at replay time). */
  roomsOf(socket: AkiwaSocket): string[] {
    return [...socket.rooms].filter((r) => r !== socket.id && r !== REPLAYING_ROOM);
  }

  /** Sends the held-back live events after `after` in order, then lets live events through; returns the last position sent. */
  endReplay(socket: AkiwaSocket, after: number): number {
    const r = this.replaying.get(socket.id);
    let last = after;
    if (r) {
      for (const e of r.held) {
        if (e.position <= last) continue; // already part of the replay
        socket.emit(e.event as 'vacancy:changed', { ...e.payload, eventId: e.position } as never);
        last = e.position;
      }
      if (last > this.lastDelivered) {
        // The replay read events this instance's relay has not delivered yet (it lags, e.g. while it
        // sequences what a killed instance committed): broadcast now, they would reach the socket a
        // second time, out of order. It leaves the replaying state once the relay has passed them.
        r.held = [];
        r.through = Math.max(r.through ?? 0, last);
        clearTimeout(r.timer);
      } else this.forget(socket);
    }
    return last;
  }

  private forget(socket: AkiwaSocket) {
    const r = this.replaying.get(socket.id);
    if (!r) return;
    clearTimeout(r.timer);
    this.replaying.delete(socket.id);
    socket.leave(REPLAYING_ROOM);
  }

  /** Sockets connected to this instance. */
  get localSockets(): number {
    return this.server?.sockets.sockets.size ?? 0;
  }
}

/** Sockets reached (a socket in two of the rooms counts twice: cheap, and rare). */
function countIn(server: AkiwaServer, rooms: string[]): number {
  let n = 0;
  for (const room of rooms) n += server.sockets.adapter.rooms.get(room)?.size ?? 0;
  return n;
}
