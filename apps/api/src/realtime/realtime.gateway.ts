import { Inject, Logger } from '@nestjs/common';
import { SubscribeMessage, WebSocketGateway, WebSocketServer, type OnGatewayConnection, type OnGatewayInit } from '@nestjs/websockets';
import { Rooms } from '@akiwa/contracts';
import { ENV, type ResolvedEnv } from '../config/env';
import { TokenService } from '../auth/token.service';
import type { AkiwaServer, AkiwaSocket } from './realtime.types';
import { RealtimeService } from './realtime.service';

/**
 * The one socket.io endpoint. Nest guards do not run on connection (nestjs#882), so the handshake is
 * authenticated in socket.io middleware: a socket without a valid access token never connects.
 */
@WebSocketGateway({ transports: ['websocket'], cors: { origin: true } })
export class RealtimeGateway implements OnGatewayInit, OnGatewayConnection {
  private readonly logger = new Logger('Realtime');
  @WebSocketServer() server!: AkiwaServer;

  constructor(
    private readonly tokens: TokenService,
    private readonly realtime: RealtimeService,
    @Inject(ENV) private readonly env: ResolvedEnv,
  ) {}

  afterInit(server: AkiwaServer) {
    this.realtime.attach(server);
    const extraOrigins = this.env.CORS_ORIGINS.split(',').map((s) => s.trim()).filter(Boolean);
    server.use((socket, next) => {
      const origin = socket.handshake.headers.origin;
      // Browsers always send Origin: accept our own host and configured origins only.
      if (origin && !extraOrigins.includes(origin) && new URL(origin).host !== socket.handshake.headers.host) {
        return next(Object.assign(new Error('origin not allowed'), { data: { code: 'forbidden' } }));
      }
      const token = (socket.handshake.auth as { token?: unknown })?.token;
      const user = typeof token === 'string' ? this.tokens.verifyAccessToken(token) : null;
      if (!user) return next(Object.assign(new Error('unauthenticated'), { data: { code: 'unauthenticated' } }));
      socket.data.user = user;
      next();
    });
  }

  async handleConnection(socket: AkiwaSocket) {
    const { user } = socket.data;
    await socket.join([Rooms.user(user.userId), Rooms.organisation(user.organisationId)]);
    socket.emit('session:ready', { userId: user.userId, organisationId: user.organisationId, role: user.role });
  }

  @SubscribeMessage('ping')
  ping() {
    return { at: new Date().toISOString() };
  }
}
