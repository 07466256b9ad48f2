import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthUser } from '../common/auth/auth-user';

export interface AuditEntry {
  actor: Pick<AuthUser, 'userId' | 'organisationId'> | null;
  /** What was done, e.g. `person.read`, `person.write`. */
  action: string;
  subjectType: string;
  subjectId: string;
  detail?: Record<string, unknown>;
}

/**
 * The append-only access log (who, when in UTC, which record, what was done). The database assigns
 * the id, the time and the hash chain in a trigger and refuses UPDATE, DELETE and TRUNCATE, so the
 * application cannot forge or rewrite history even by mistake.
 */
@Injectable()
export class AuditLog {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Writes one row. Call it before handing out what is being logged: if the log cannot be written,
   * the data is not shown. Outside a caller's transaction the chain lock is held only for this insert.
   */
  async record(e: AuditEntry, db: DataSource | EntityManager = this.db): Promise<void> {
    await db.query(
      `INSERT INTO audit_log(actor_user_id, actor_organisation_id, action, subject_type, subject_id, detail)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [e.actor?.userId ?? null, e.actor?.organisationId ?? null, e.action, e.subjectType, e.subjectId, e.detail ?? {}],
    );
  }

  /** Recomputes the chain: the first row whose link or hash does not match, or null when intact. */
  async verify(): Promise<{ rows: number; brokenAt: string | null }> {
    const [r] = await this.db.query(`
      WITH chain AS (
        SELECT id, prev_hash, hash, lag(hash) OVER (ORDER BY id) AS expected_prev,
               audit_log_row_hash(prev_hash, id, at, actor_user_id, actor_organisation_id, action, subject_type, subject_id, detail) AS recomputed
        FROM audit_log
      )
      SELECT (SELECT count(*) FROM chain)::int AS rows,
             (SELECT min(id) FROM chain WHERE prev_hash IS DISTINCT FROM expected_prev OR hash <> recomputed)::text AS "brokenAt"`);
    return r;
  }
}
