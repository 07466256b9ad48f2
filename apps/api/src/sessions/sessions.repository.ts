import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { SessionEndReason, SessionRestriction } from '@akiwa/contracts';
import { returning } from '../database/sql';
import { BatchedLookup } from '../database/batched-lookup';

/** A session id is a uuid (a malformed one would fail the whole batch's cast); PostgreSQL prints it in lower case. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface RevokedSessionRow {
  id: string;
  user_id: string;
}

export type SpentRefreshToken =
  | { kind: 'rotated'; userId: string; sessionId: string }
  /** Already spent before: presented again, it means a copy is in someone else's hands. */
  | { kind: 'reused'; userId: string; sessionId: string }
  | { kind: 'unknown' };

/** The SQL of sessions and their refresh-token families. */
@Injectable()
export class SessionsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async create(userId: string, maxHours: number, ip: string | null, restriction: SessionRestriction | null): Promise<{ id: string }> {
    const [row] = await this.db.query(
      `INSERT INTO sessions(user_id, expires_at, ip, restriction) VALUES ($1, now() + make_interval(hours => $2), $3, $4) RETURNING id`,
      [userId, maxHours, ip, restriction],
    );
    return row;
  }

  /**
   * The session if live: not revoked, within its absolute lifetime, and its user still active.
   * Straight from the database on every request and handshake (no cache to go stale); lookups that
   * arrive together share one query by primary keys (BatchedLookup: a reconnection storm after an
   * instance died was a thousand queries, each waiting for a pooled connection).
   */
  async live(sessionId: string, userId: string): Promise<{ restriction: SessionRestriction | null } | null> {
    if (!UUID.test(sessionId)) return null;
    const row = await this.liveSessions.get(sessionId.toLowerCase());
    return row && row.userId === userId ? { restriction: row.restriction } : null;
  }

  private readonly liveSessions = new BatchedLookup<string, { userId: string; restriction: SessionRestriction | null }>(async (ids) => {
    const rows: { id: string; user_id: string; restriction: SessionRestriction | null }[] = await this.db.query(
      `SELECT s.id, s.user_id, s.restriction FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.id = ANY($1::uuid[]) AND s.revoked_at IS NULL AND s.expires_at > now() AND u.active`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, { userId: r.user_id, restriction: r.restriction }]));
  });

  async setRestriction(sessionId: string, restriction: SessionRestriction | null): Promise<void> {
    await this.db.query(`UPDATE sessions SET restriction = $2 WHERE id = $1`, [sessionId, restriction]);
  }

  async revoke(tx: EntityManager, sessionId: string, reason: SessionEndReason): Promise<RevokedSessionRow[]> {
    return returning<RevokedSessionRow>(
      tx,
      `UPDATE sessions SET revoked_at = now(), revoked_reason = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING id, user_id`,
      [sessionId, reason],
    );
  }

  /** Every live session of the user, optionally but one (the caller's own, on a password change). */
  async revokeAllOfUser(tx: EntityManager, userId: string, reason: SessionEndReason, exceptSessionId: string | null = null): Promise<RevokedSessionRow[]> {
    return returning<RevokedSessionRow>(
      tx,
      `UPDATE sessions SET revoked_at = now(), revoked_reason = $2
        WHERE user_id = $1 AND revoked_at IS NULL AND ($3::uuid IS NULL OR id <> $3::uuid) RETURNING id, user_id`,
      [userId, reason, exceptSessionId],
    );
  }

  /** A refresh token of the session; it never outlives the session's absolute lifetime. */
  async addRefreshToken(sessionId: string, userId: string, tokenHash: string, ttlDays: number): Promise<void> {
    await this.db.query(
      `INSERT INTO refresh_tokens(session_id, user_id, token_hash, expires_at)
       SELECT s.id, $2, $3, least(now() + make_interval(days => $4), s.expires_at) FROM sessions s WHERE s.id = $1`,
      [sessionId, userId, tokenHash, ttlDays],
    );
  }

  /**
   * Spends a refresh token atomically (a raced or replayed copy finds it spent). A token that was
   * already spent is reported as reused, so the caller can end its whole family.
   */
  async spendRefreshToken(tokenHash: string): Promise<SpentRefreshToken> {
    const rows = await returning<{ user_id: string; session_id: string }>(
      this.db,
      `UPDATE refresh_tokens r SET revoked_at = now()
         FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE r.token_hash = $1 AND r.revoked_at IS NULL AND r.expires_at > now()
          AND s.id = r.session_id AND s.revoked_at IS NULL AND s.expires_at > now() AND u.active
        RETURNING r.user_id, r.session_id`,
      [tokenHash],
    );
    if (rows.length) return { kind: 'rotated', userId: rows[0].user_id, sessionId: rows[0].session_id };
    const [spent] = await this.db.query(`SELECT user_id, session_id FROM refresh_tokens WHERE token_hash = $1 AND revoked_at IS NOT NULL`, [tokenHash]);
    return spent ? { kind: 'reused', userId: spent.user_id, sessionId: spent.session_id } : { kind: 'unknown' };
  }

  /** The session of a refresh token, spent or not (logout with the cookie). */
  async sessionOfRefreshToken(tokenHash: string): Promise<{ sessionId: string; userId: string } | null> {
    const [row] = await this.db.query(`SELECT session_id AS "sessionId", user_id AS "userId" FROM refresh_tokens WHERE token_hash = $1`, [tokenHash]);
    return row ?? null;
  }
}
