import { createHmac, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ENV, type ResolvedEnv } from '../config/env';
import type { AuthUser } from '../common/auth/auth-user';

export interface AuditEntry {
  /** A user, or an organisation acting through an API key (no user), or the system (null). */
  actor: (Pick<AuthUser, 'organisationId'> & { userId: string | null }) | null;
  /** What was done, e.g. `person.read`, `person.write`. */
  action: string;
  subjectType: string;
  subjectId: string;
  detail?: Record<string, unknown>;
}

export interface ChainCheck {
  rows: number;
  /** The first row whose link, hash or seal does not match, or null when intact. */
  brokenAt: string | null;
  reason: 'hash' | 'seal' | 'missing_seal' | 'truncated' | null;
}

const BATCH = 5000;

/**
 * The append-only access log (who, when in UTC, which record, what was done). The database assigns
 * the id, the time and the hash chain in a trigger and refuses UPDATE, DELETE and TRUNCATE; the app's
 * role may only insert. Each row is sealed in the same transaction with an HMAC of its hash under
 * AUDIT_HMAC_KEY, which the database never sees: even its owner cannot rewrite a row unnoticed.
 */
@Injectable()
export class AuditLog {
  private readonly key: Buffer;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(ENV) env: ResolvedEnv,
  ) {
    this.key = Buffer.from(env.AUDIT_HMAC_KEY, 'base64');
  }

  /**
   * Writes one row and its seal. Call it before handing out what is being logged: if the log cannot
   * be written, the data is not shown. Outside a caller's transaction the chain lock is held only for
   * this insert.
   */
  async record(e: AuditEntry, db: DataSource | EntityManager = this.db): Promise<void> {
    const write = async (m: DataSource | EntityManager) => {
      const [row] = await m.query(
        `INSERT INTO audit_log(actor_user_id, actor_organisation_id, action, subject_type, subject_id, detail)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id::text AS id, hash`,
        [e.actor?.userId ?? null, e.actor?.organisationId ?? null, e.action, e.subjectType, e.subjectId, e.detail ?? {}],
      );
      await m.query(`INSERT INTO audit_log_seals(id, mac) VALUES ($1, $2)`, [row.id, this.seal(row.id, row.hash)]);
    };
    if (db instanceof EntityManager && db.queryRunner?.isTransactionActive) return write(db);
    await (db instanceof DataSource ? db : db.connection).transaction(write);
  }

  /** HMAC-SHA256 of a row's id and chain hash. */
  seal(id: string, hash: string): string {
    return createHmac('sha256', this.key).update(`${id}:${hash}`).digest('hex');
  }

  /**
   * Recomputes the chain and checks every seal written since the log was keyed (the rows before are
   * anchored by the first sealed row's hash). `expectAtLeast` catches a removed tail: the id and seal
   * of the last row seen by the previous check.
   */
  async verify(expectAtLeast?: { id: string; mac: string }): Promise<ChainCheck> {
    const [chain] = await this.db.query(`
      WITH chain AS (
        SELECT id, prev_hash, hash, lag(hash) OVER (ORDER BY id) AS expected_prev,
               audit_log_row_hash(prev_hash, id, at, actor_user_id, actor_organisation_id, action, subject_type, subject_id, detail) AS recomputed
        FROM audit_log
      )
      SELECT (SELECT count(*) FROM chain)::int AS rows,
             (SELECT min(id) FROM chain WHERE prev_hash IS DISTINCT FROM expected_prev OR hash <> recomputed)::text AS "brokenAt"`);
    if (chain.brokenAt) return { rows: chain.rows, brokenAt: chain.brokenAt, reason: 'hash' };
    const [{ legacyUpto }] = await this.db.query(`SELECT legacy_upto::text AS "legacyUpto" FROM audit_log_keying`);
    let after = legacyUpto as string;
    for (;;) {
      const rows: { id: string; hash: string; mac: string | null }[] = await this.db.query(
        `SELECT a.id::text AS id, a.hash, s.mac FROM audit_log a LEFT JOIN audit_log_seals s ON s.id = a.id
         WHERE a.id > $1 ORDER BY a.id LIMIT ${BATCH}`,
        [after],
      );
      for (const r of rows) {
        if (!r.mac) return { rows: chain.rows, brokenAt: r.id, reason: 'missing_seal' };
        if (!timingSafeEqual(Buffer.from(r.mac), Buffer.from(this.seal(r.id, r.hash)))) return { rows: chain.rows, brokenAt: r.id, reason: 'seal' };
      }
      if (rows.length < BATCH) break;
      after = rows.at(-1)!.id;
    }
    if (expectAtLeast) {
      const [last] = await this.db.query(`SELECT mac FROM audit_log_seals WHERE id = $1`, [expectAtLeast.id]);
      if (last?.mac !== expectAtLeast.mac) return { rows: chain.rows, brokenAt: expectAtLeast.id, reason: 'truncated' };
    }
    return { rows: chain.rows, brokenAt: null, reason: null };
  }

  /** The last sealed row, for the next check's `expectAtLeast`. */
  async lastSeal(): Promise<{ id: string; mac: string } | undefined> {
    const [r] = await this.db.query(`SELECT id::text AS id, mac FROM audit_log_seals ORDER BY id DESC LIMIT 1`);
    return r;
  }
}

/** The names of the fields a partial update sets (never their values: a password above all). */
export function changedFields(dto: object): string[] {
  return Object.entries(dto)
    .filter(([, v]) => v !== undefined)
    .map(([k]) => k)
    .sort();
}
