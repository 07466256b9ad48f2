import { Injectable, Logger } from '@nestjs/common';
import type { ServerToClientEvents } from '@akiwa/contracts';
import type { AkiwaServer } from './realtime.types';

/** Typed emits to rooms, so every event reaches only those it concerns (never a broadcast to all). */
@Injectable()
export class RealtimeService {
  private readonly logger = new Logger('Realtime');
  private server?: AkiwaServer;

  attach(server: AkiwaServer) {
    this.server = server;
  }

  get io(): AkiwaServer {
    if (!this.server) throw new Error('socket.io server not ready');
    return this.server;
  }

  send<E extends keyof ServerToClientEvents>(rooms: string | string[], event: E, ...args: Parameters<ServerToClientEvents[E]>) {
    if (!this.server || (Array.isArray(rooms) && rooms.length === 0)) return;
    try {
      this.server.to(rooms).emit(event, ...args);
    } catch (err) {
      // a broadcast never fails the write that caused it (the adapter's own failures are caught in RedisLink)
      this.logger.error({ err, event }, 'emit failed');
    }
  }

  /** Disconnects every socket in these rooms, on every instance (through the adapter). The client sees `io server disconnect`. */
  disconnect(rooms: string[]) {
    if (!this.server || rooms.length === 0) return;
    this.server.in(rooms).disconnectSockets(false);
  }
}
