import { Inject, Logger } from '@nestjs/common';
import { SubscribeMessage, WebSocketGateway, WebSocketServer, type OnGatewayConnection, type OnGatewayInit } from '@nestjs/websockets';
import { Rooms } from '@akiwa/contracts';
import { ENV, type ResolvedEnv } from '../config/env';
import { TokenService } from '../auth/token.service';
import type { AkiwaServer, AkiwaSocket } from './realtime.types';
import { RealtimeService } from './realtime.service';
import { Lifecycle } from '../lifecycle/lifecycle.service';

const refusal = (message: string, code: string) => Object.assign(new Error(message), { data: { code } });

/** Same host, or one of the configured origins. Anything unparsable (`null`, garbage) is refused, never thrown. */
export function originAllowed(origin: unknown, host: unknown, extraOrigins: readonly string[]): boolean {
  if (origin === undefined) return true; // not a browser: the token alone decides
  if (typeof origin !== 'string') return false;
  if (extraOrigins.includes(origin)) return true;
  try {
    return typeof host === 'string' && new URL(origin).host === host;
  } catch {
    return false;
  }
}

/**
 * The one socket.io endpoint. Nest guards do not run on connection (nestjs#882), so the handshake is
 * authenticated in socket.io middleware: a socket without a valid access token never connects.
 * socket.io runs the middleware inside an async function, so anything thrown there would be an
 * unhandled rejection (which ends a Node process): every hook here catches everything and refuses
 * or drops only the connection at hand.
 */
@WebSocketGateway({ transports: ['websocket'], cors: { origin: true } })
export class RealtimeGateway implements OnGatewayInit, OnGatewayConnection {
  private readonly logger = new Logger('Realtime');
  @WebSocketServer() server!: AkiwaServer;

  constructor(
    private readonly tokens: TokenService,
    private readonly realtime: RealtimeService,
    @Inject(ENV) private readonly env: ResolvedEnv,
    private readonly lifecycle: Lifecycle,
  ) {}

  /**
   * Tells this instance's sockets to reconnect elsewhere, then closes their transports (not a
   * socket.io disconnect, after which a client would not reconnect by itself).
   */
  private async drainSockets(server: AkiwaServer) {
    server.local.emit('server:draining', { reconnectInMs: 0 });
    await new Promise((r) => setTimeout(r, 300));
    for (const socket of server.sockets.sockets.values()) socket.conn.close();
  }

  afterInit(server: AkiwaServer) {
    this.realtime.attach(server);
    this.lifecycle.onDrain(() => this.drainSockets(server));
    const extraOrigins = this.env.CORS_ORIGINS.split(',').map((s) => s.trim()).filter(Boolean);
    server.use((socket, next) => {
      try {
        // Browsers always send Origin: accept our own host and configured origins only.
        if (!originAllowed(socket.handshake.headers.origin, socket.handshake.headers.host, extraOrigins)) {
          return next(refusal('origin not allowed', 'forbidden'));
        }
        const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
        const user = typeof token === 'string' && token.length <= 4096 ? this.tokens.verifyAccessToken(token) : null;
        if (!user) return next(refusal('unauthenticated', 'unauthenticated'));
        socket.data.user = user;
        next();
      } catch (error) {
        this.logger.error(`handshake refused after an error: ${String(error)}`);
        next(refusal('handshake failed', 'internal_error'));
      }
    });
  }

  async handleConnection(socket: AkiwaSocket) {
    try {
      const { user } = socket.data;
      await socket.join([Rooms.user(user.userId), Rooms.organisation(user.organisationId)]);
      socket.emit('session:ready', { userId: user.userId, organisationId: user.organisationId, role: user.role });
    } catch (error) {
      this.logger.error(`connection dropped after an error: ${String(error)}`);
      socket.disconnect(true);
    }
  }

  @SubscribeMessage('ping')
  ping() {
    return { at: new Date().toISOString() };
  }
}
