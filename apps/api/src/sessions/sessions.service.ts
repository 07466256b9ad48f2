import { Inject, Injectable, Logger } from '@nestjs/common';
import { Rooms, SessionEndReason, type SessionRestriction } from '@akiwa/contracts';
import { ENV, type ResolvedEnv } from '../config/env';
import { AuditLog } from '../audit/audit-log.service';
import type { AuthUser } from '../common/auth/auth-user';
import { RealtimeService } from '../realtime/realtime.service';
import { SessionsRepository, type RevokedSessionRow } from './sessions.repository';

/**
 * Sessions end for real: a revoked session is refused on the next HTTP request and handshake (the
 * access guard and the socket middleware ask `isLive` every time, straight from PostgreSQL, so every
 * instance sees a revocation at once), and its open sockets are told why and disconnected — through
 * the session's room, which the Redis adapter spans across instances.
 */
@Injectable()
export class SessionsService {
  private readonly logger = new Logger('Sessions');

  constructor(
    private readonly repo: SessionsRepository,
    private readonly realtime: RealtimeService,
    private readonly audit: AuditLog,
    @Inject(ENV) private readonly env: ResolvedEnv,
  ) {}

  start(userId: string, ip: string | null, restriction: SessionRestriction | null = null): Promise<{ id: string }> {
    return this.repo.create(userId, this.env.SESSION_MAX_HOURS, ip, restriction);
  }

  /** The live session of this token (with its restriction, if any), or null when it has ended. */
  live(user: Pick<AuthUser, 'userId' | 'sessionId'>): Promise<{ restriction: SessionRestriction | null } | null> {
    return this.repo.live(user.sessionId, user.userId);
  }

  async isLive(user: Pick<AuthUser, 'userId' | 'sessionId'>): Promise<boolean> {
    return (await this.live(user)) !== null;
  }

  /** Ends one session (logout, refresh-token reuse). `actor` is who ended it; null for the system. */
  async end(sessionId: string, reason: SessionEndReason, actor: AuthUser | null): Promise<void> {
    await this.ended(await this.repo.revoke(sessionId, reason), reason, actor);
  }

  /** Ends every session of a user (deactivation, role change, password reset), or every other one. */
  async endAllOfUser(userId: string, reason: SessionEndReason, actor: AuthUser | null, keepSessionId: string | null = null): Promise<void> {
    await this.ended(await this.repo.revokeAllOfUser(userId, reason, keepSessionId), reason, actor);
  }

  private async ended(rows: RevokedSessionRow[], reason: SessionEndReason, actor: AuthUser | null): Promise<void> {
    if (!rows.length) return;
    const rooms = rows.map((r) => Rooms.session(r.id));
    try {
      this.realtime.send(rooms, 'session:ended', { reason });
      this.realtime.disconnect(rooms);
    } catch (error) {
      // the sessions are revoked already: their sockets are refused at their next event or handshake
      this.logger.error(`could not disconnect the sockets of ended sessions: ${String(error)}`);
    }
    for (const r of rows) {
      await this.audit.record({ actor, action: 'session.revoke', subjectType: 'session', subjectId: r.id, detail: { reason, userId: r.user_id } });
    }
  }
}
