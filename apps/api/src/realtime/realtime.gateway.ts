import { Inject, Logger } from '@nestjs/common';
import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway, WebSocketServer, type OnGatewayConnection, type OnGatewayInit } from '@nestjs/websockets';
import { ErrorCode, Rooms, SessionEndReason, type ApiErrorBody } from '@akiwa/contracts';
import { ENV, type ResolvedEnv } from '../config/env';
import { configuredOrigins, originAllowed } from '../common/http/origin';
import { AppException } from '../common/errors/app.exception';
import { toErrorBody } from '../common/errors/all-exceptions.filter';
import { TokenService, type VerifiedAccessToken } from '../auth/token.service';
import { SessionsService } from '../sessions/sessions.service';
import type { AkiwaServer, AkiwaSocket } from './realtime.types';
import { RealtimeService } from './realtime.service';
import { Lifecycle } from '../lifecycle/lifecycle.service';
import { AuthTexts } from '../common/errors/texts';

const refusal = (message: string, code: string) => Object.assign(new Error(message), { data: { code } });
/** setTimeout's ceiling; a longer token is re-armed when this fires. */
const MAX_TIMER_MS = 2 ** 31 - 1;
type AckResult<T> = { ok: true; data?: T } | { ok: false; error: ApiErrorBody };

/**
 * The one socket.io endpoint. Nest guards do not run on connection (nestjs#882), so the handshake is
 * authenticated in socket.io middleware: a socket without a valid access token of a live session
 * never connects. socket.io runs the middleware inside an async function, so anything thrown there
 * would be an unhandled rejection (which ends a Node process): every hook here catches everything
 * and refuses or drops only the connection at hand.
 *
 * A socket lives no longer than its access token: at expiry it gets `session:ended` (token_expired)
 * and is disconnected, unless the client sent a fresh token of the same session with
 * `session:reauthenticate`. A revoked session's sockets are disconnected through its room
 * (SessionsService).
 */
@WebSocketGateway({ transports: ['websocket'], cors: { origin: true } })
export class RealtimeGateway implements OnGatewayInit, OnGatewayConnection {
  private readonly logger = new Logger('Realtime');
  @WebSocketServer() server!: AkiwaServer;
  /** Not in socket.data: that is serialised for other instances (fetchSockets) and a timer is not data. */
  private readonly expiryTimers = new WeakMap<AkiwaSocket, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly tokens: TokenService,
    private readonly sessions: SessionsService,
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
    const extraOrigins = configuredOrigins(this.env.CORS_ORIGINS);
    server.use((socket, next) => {
      const admit = async () => {
        // Browsers always send Origin: accept our own host and configured origins only.
        if (!originAllowed(socket.handshake.headers.origin, socket.handshake.headers.host, extraOrigins)) {
          return refusal('origin not allowed', 'forbidden');
        }
        const verified = this.tokens.verifyAccessToken((socket.handshake.auth as { token?: unknown } | undefined)?.token);
        const session = verified ? await this.sessions.live(verified) : null;
        if (!verified || !session) return refusal('unauthenticated', 'unauthenticated');
        // a session restricted to MFA enrolment or a password change gets no live data yet
        if (session.restriction) return refusal('restricted session', session.restriction);
        this.adopt(socket, verified);
        return undefined;
      };
      admit().then(
        (refused) => next(refused),
        (error: unknown) => {
          this.logger.error(`handshake refused after an error: ${String(error)}`);
          next(refusal('handshake failed', 'internal_error'));
        },
      );
    });
  }

  async handleConnection(socket: AkiwaSocket) {
    try {
      const { user } = socket.data;
      // a client resuming from an event id gets live events only after its replay (events:replay), so none overtakes a missed one
      const after = (socket.handshake.auth as { lastEventId?: unknown } | undefined)?.lastEventId;
      if (typeof after === 'number' && Number.isSafeInteger(after) && after >= 0) this.realtime.hold(socket, after);
      await socket.join([Rooms.user(user.userId), Rooms.organisation(user.organisationId), Rooms.session(user.sessionId)]);
      this.armExpiry(socket);
      socket.once('disconnect', () => clearTimeout(this.expiryTimers.get(socket)));
      socket.emit('session:ready', { userId: user.userId, organisationId: user.organisationId, role: user.role, lastEventId: this.realtime.lastDelivered });
    } catch (error) {
      this.logger.error(`connection dropped after an error: ${String(error)}`);
      socket.disconnect(true);
    }
  }

  @SubscribeMessage('session:reauthenticate')
  async reauthenticate(@ConnectedSocket() socket: AkiwaSocket, @MessageBody() token: unknown): Promise<AckResult<{ expiresAt: string }>> {
    try {
      const verified = this.tokens.verifyAccessToken(token);
      const current = socket.data.user;
      // the same user and session only: a different login needs its own socket
      if (!verified || verified.sessionId !== current.sessionId || verified.userId !== current.userId || !(await this.sessions.isLive(verified))) {
        throw new AppException(ErrorCode.Unauthenticated, AuthTexts.logInAgain);
      }
      this.adopt(socket, verified);
      this.armExpiry(socket);
      return { ok: true, data: { expiresAt: new Date(verified.expiresAt).toISOString() } };
    } catch (e) {
      return { ok: false, error: toErrorBody(e) };
    }
  }

  @SubscribeMessage('ping')
  ping() {
    return { at: new Date().toISOString() };
  }

  private adopt(socket: AkiwaSocket, verified: VerifiedAccessToken) {
    const { expiresAt, ...user } = verified;
    socket.data.user = user;
    socket.data.expiresAt = expiresAt;
  }

  private armExpiry(socket: AkiwaSocket) {
    clearTimeout(this.expiryTimers.get(socket));
    const delay = Math.max(0, socket.data.expiresAt - Date.now());
    const timer = setTimeout(() => {
      if (Date.now() < socket.data.expiresAt) return this.armExpiry(socket);
      socket.emit('session:ended', { reason: SessionEndReason.TokenExpired });
      socket.disconnect();
    }, Math.min(delay, MAX_TIMER_MS));
    timer.unref();
    this.expiryTimers.set(socket, timer);
  }
}
