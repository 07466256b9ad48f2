import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** One row of the audit page, with the actor's name and organisation resolved. */
export interface AuditRow {
  id: string;
  at: string;
  actorUserId: string | null;
  actorName: string | null;
  actorOrganisationId: string | null;
  actorOrganisationName: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  detail: Record<string, unknown>;
}

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

/** The audit log's reads (writes go through AuditLog.record, which seals each row). */
@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(f: AuditFilter): Promise<{ items: AuditRow[]; total: number }> {
    const rows: (AuditRow & { total: number })[] = await this.db.query(
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

  async municipalityOf(organisationId: string): Promise<string | null> {
    const [o] = await this.db.query(`SELECT municipality_code AS code FROM organisations WHERE id = $1`, [organisationId]);
    return o?.code ?? null;
  }
}
