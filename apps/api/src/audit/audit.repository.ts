import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuditEntryView } from '@akiwa/contracts';
import type { AuditEntry } from './audit-log.service';

export interface AuditFilter {
  subjectType?: string;
  subjectId?: string;
  userId?: string;
  organisationId?: string;
  /** An action (`person.read`) or a family of them (`person`). */
  action?: string;
  /** Inclusive ISO time. */
  from?: string;
  /** Exclusive ISO time. */
  to?: string;
  /** Only entries of this municipality: by the actor's organisation or the emergency request concerned. */
  municipalityCode?: string;
  limit: number;
  offset: number;
}

/** The audit log's SQL; its writes are called by AuditLog.record only, which seals each row. */
@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(f: AuditFilter): Promise<{ items: AuditEntryView[]; total: number }> {
    const rows: (AuditEntryView & { total: number })[] = await this.db.query(
      `SELECT a.id::text AS id, to_char(a.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at,
              a.actor_user_id AS "actorUserId", u.display_name AS "actorName",
              a.actor_organisation_id AS "actorOrganisationId", o.name AS "actorOrganisationName",
              a.action, a.subject_type AS "subjectType", a.subject_id AS "subjectId", a.detail,
              count(*) OVER ()::int AS total
       FROM audit_log a
       LEFT JOIN users u ON u.id = a.actor_user_id
       LEFT JOIN organisations o ON o.id = a.actor_organisation_id
       WHERE ($1::text IS NULL OR a.subject_type = $1)
         AND ($2::text IS NULL OR a.subject_id = $2)
         AND ($3::uuid IS NULL OR a.actor_user_id = $3)
         AND ($4::uuid IS NULL OR a.actor_organisation_id = $4)
         AND ($5::text IS NULL OR a.action = $5 OR a.action LIKE $5 || '.%')
         AND ($6::timestamptz IS NULL OR a.at >= $6)
         AND ($7::timestamptz IS NULL OR a.at < $7)
         AND ($8::text IS NULL OR o.municipality_code = $8
              OR (a.subject_type = 'emergency_request' AND EXISTS (
                    SELECT 1 FROM emergency_requests r WHERE r.id::text = a.subject_id AND r.municipality_code = $8)))
       ORDER BY a.id DESC
       LIMIT $9 OFFSET $10`,
      [f.subjectType ?? null, f.subjectId ?? null, f.userId ?? null, f.organisationId ?? null, f.action ?? null, f.from ?? null, f.to ?? null, f.municipalityCode ?? null, f.limit, f.offset],
    );
    return { items: rows.map(({ total: _t, ...r }) => r), total: rows[0]?.total ?? 0 };
  }

  /** Appends a row; the database's trigger assigns its id, time and chain hash. */
  async insert(m: DataSource | EntityManager, e: AuditEntry): Promise<{ id: string; hash: string }> {
    const [row] = await m.query(
      `INSERT INTO audit_log(actor_user_id, actor_organisation_id, action, subject_type, subject_id, detail)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id::text AS id, hash`,
      [e.actor?.userId ?? null, e.actor?.organisationId ?? null, e.action, e.subjectType, e.subjectId, e.detail ?? {}],
    );
    return row;
  }

  /**
   * The audit row of a list read, as a CTE of the statement that reads the list (so the read and its
   * row cost one round trip): one row when `from` (a relation with a uuid `id` column, the ids shown)
   * has rows, none otherwise; the subject is the one id, or 'list' with the ids in the detail. `param`
   * adds a parameter of the caller's statement. Returns the row's id and hash, for its seal.
   */
  static listReadInsert(from: string, e: Omit<AuditEntry, 'subjectId' | 'detail'>, param: (v: unknown) => string): string {
    return `INSERT INTO audit_log(actor_user_id, actor_organisation_id, action, subject_type, subject_id, detail)
      SELECT ${param(e.actor?.userId ?? null)}::uuid, ${param(e.actor?.organisationId ?? null)}::uuid, ${param(e.action)}::text, ${param(e.subjectType)}::text,
             CASE WHEN count(*) = 1 THEN min(l.id::text) ELSE 'list' END,
             CASE WHEN count(*) = 1 THEN '{}'::jsonb ELSE jsonb_build_object('ids', jsonb_agg(l.id)) END
      FROM ${from} l HAVING count(*) > 0
      RETURNING id::text AS id, hash`;
  }

  /**
   * The seal of a row (when one was written) and the COMMIT of the transaction that wrote both, in
   * one round trip: a simple-protocol query cannot take parameters, so the id (digits, from the
   * database) and the MAC (hex, ours) are checked and written as literals.
   */
  async sealAndCommit(m: EntityManager, seal: { id: string; mac: string } | undefined): Promise<void> {
    if (!seal) return void (await m.query('COMMIT'));
    if (!/^\d{1,19}$/.test(seal.id) || !/^[0-9a-f]{64}$/.test(seal.mac)) throw new Error('audit seal: unexpected id or MAC');
    await m.query(`INSERT INTO audit_log_seals(id, mac) VALUES (${seal.id}, '${seal.mac}'); COMMIT`);
  }

  async insertSeal(m: DataSource | EntityManager, id: string, mac: string): Promise<void> {
    await m.query(`INSERT INTO audit_log_seals(id, mac) VALUES ($1, $2)`, [id, mac]);
  }

  /** Recomputes the whole chain in the database: the row count and the first row whose link or hash does not match. */
  async chain(): Promise<{ rows: number; brokenAt: string | null }> {
    const [chain] = await this.db.query(`
      WITH chain AS (
        SELECT id, prev_hash, hash, lag(hash) OVER (ORDER BY id) AS expected_prev,
               audit_log_row_hash(prev_hash, id, at, actor_user_id, actor_organisation_id, action, subject_type, subject_id, detail) AS recomputed
        FROM audit_log
      )
      SELECT (SELECT count(*) FROM chain)::int AS rows,
             (SELECT min(id) FROM chain WHERE prev_hash IS DISTINCT FROM expected_prev OR hash <> recomputed)::text AS "brokenAt"`);
    return chain;
  }

  /** The last row written before rows were sealed (rows up to it have no seal). */
  async legacyUpto(): Promise<string> {
    const [{ legacyUpto }] = await this.db.query(`SELECT legacy_upto::text AS "legacyUpto" FROM audit_log_keying`);
    return legacyUpto;
  }

  /** Up to `limit` rows after `after`, in order, with their seals (null: none). */
  async sealedAfter(after: string, limit: number): Promise<{ id: string; hash: string; mac: string | null }[]> {
    return this.db.query(
      `SELECT a.id::text AS id, a.hash, s.mac FROM audit_log a LEFT JOIN audit_log_seals s ON s.id = a.id
       WHERE a.id > $1 ORDER BY a.id LIMIT ${Number(limit)}`,
      [after],
    );
  }

  async sealOf(id: string): Promise<string | null> {
    const [last] = await this.db.query(`SELECT mac FROM audit_log_seals WHERE id = $1`, [id]);
    return last?.mac ?? null;
  }

  async lastSeal(): Promise<{ id: string; mac: string } | undefined> {
    const [r] = await this.db.query(`SELECT id::text AS id, mac FROM audit_log_seals ORDER BY id DESC LIMIT 1`);
    return r;
  }
}
