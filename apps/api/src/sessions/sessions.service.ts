import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { Rooms, SessionEndReason, type SessionRestriction } from '@akiwa/contracts';
import { ENV, type ResolvedEnv } from '../config/env';
import { AuditLog } from '../audit/audit-log.service';
import type { AuthUser } from '../common/auth/auth-user';
import { EventOutbox } from '../events/event-outbox.service';
import { SessionsRepository, type RevokedSessionRow } from './sessions.repository';

/**
 * Sessions end for real: a revoked session is refused on the next HTTP request and handshake (the
 * access guard and the socket middleware ask `isLive` every time, straight from PostgreSQL, so every
 * instance sees a revocation at once), and its open sockets are told why and disconnected. That
 * notice is a durable event (`session:ended` to the session's room), written in the transaction of
 * the revocation: every instance's relay reads it from the outbox and disconnects its own sockets of
 * the session (RealtimeService.deliver), so it needs no Redis and survives the revoking instance
 * dying right after the commit. It is never replayed: a socket of an ended session cannot connect again.
 */
@Injectable()
export class SessionsService {
  constructor(
    private readonly repo: SessionsRepository,
    private readonly outbox: EventOutbox,
    private readonly audit: AuditLog,
    @InjectDataSource() private readonly db: DataSource,
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
    await this.ended(await this.db.transaction((tx) => this.announce(tx, this.repo.revoke(tx, sessionId, reason), reason)), reason, actor);
  }

  /** Ends every session of a user (deactivation, role change, password reset), or every other one. */
  async endAllOfUser(userId: string, reason: SessionEndReason, actor: AuthUser | null, keepSessionId: string | null = null): Promise<void> {
    await this.ended(await this.db.transaction((tx) => this.announce(tx, this.repo.revokeAllOfUser(tx, userId, reason, keepSessionId), reason)), reason, actor);
  }

  private async announce(tx: EntityManager, revoking: Promise<RevokedSessionRow[]>, reason: SessionEndReason): Promise<RevokedSessionRow[]> {
    const rows = await revoking;
    if (rows.length) await this.outbox.append(tx, rows.map((r) => Rooms.session(r.id)), 'session:ended', { reason });
    return rows;
  }

  private async ended(rows: RevokedSessionRow[], reason: SessionEndReason, actor: AuthUser | null): Promise<void> {
    for (const r of rows) {
      await this.audit.record({ actor, action: 'session.revoke', subjectType: 'session', subjectId: r.id, detail: { reason, userId: r.user_id } });
    }
  }
}
