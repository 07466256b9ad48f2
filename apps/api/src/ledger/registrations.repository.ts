import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Gender, LedgerCount, RegistrationChange, RegistrationListItem, RegistrationView, RiskFlag, Urgency } from '@akiwa/contracts';
import { returning } from '../database/sql';
import type { AuditEntry } from '../audit/audit-log.service';
import { AuditRepository } from '../audit/audit.repository';

type Db = DataSource | EntityManager;

/** What the ledger list filters on; the name and birth date as blind indexes, never in clear. */
export interface LedgerFilter {
  nameIndex?: Buffer;
  birthIndex?: Buffer;
  municipalityCode?: string;
  riskFlag?: RiskFlag;
  urgencyTier?: Urgency;
  reviewOverdue?: boolean;
}

/** A row of the list's page: the sealed form is fetched for these rows only. */
export interface LedgerPageRow {
  id: string;
  personId: string;
  formEncrypted: Buffer;
  municipalityCode: string;
  riskFlags: RiskFlag[];
  urgencyTier: RegistrationListItem['urgencyTier'];
  nextReviewOn: string | null;
  overdue: boolean;
}

/** A registration's sealed form, by id. */
export interface SealedFormRow {
  id: string;
  form: Buffer;
}

/** The keyed blind indexes of a registration (`registrationIndexes`): name, kana (null when none given), birth date. */
export interface BlindIndexes {
  name: Buffer;
  kana: Buffer | null;
  birth: Buffer;
}

/** The columns a registration is written with and read back as (the form sealed). */
interface RegistrationColumns {
  municipalityCode: string;
  formEncrypted: Buffer;
  categories: RegistrationView['profile']['categories'];
  child: boolean;
  supportLevel: number | null;
  specialNeeds: RegistrationView['profile']['specialNeeds'];
  riskFlags: RiskFlag[];
  contractedOrganisationId: string | null;
  nextReviewOn: string | null;
  consentBy: RegistrationView['consent']['by'];
  consentedOn: string;
  grantedDaysPerMonth: number | null;
  grantedFrom: string | null;
  grantedTo: string | null;
}

/** The registration row as stored: the form sealed. */
export interface RegistrationRow extends RegistrationColumns {
  id: string;
  personId: string;
  organisationId: string;
  organisationName: string;
  gender: string;
  urgencyTier: RegistrationView['urgencyTier'];
  contractedOrganisationName: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** What a create or an update writes: the sealed form, the columns read from the input, the blind indexes. */
export interface RegistrationFields extends RegistrationColumns {
  notifiedOn: string;
  gender: Gender;
  urgencyTier: Urgency;
  indexes: BlindIndexes;
}

/**
 * Who may read a registration (`readable`): `any` every registration; `shared` those whose person
 * shares with the organisation (not withdrawn); `placement` those of a person the organisation is the
 * confirmed placement for, unless the person withdrew the sharing with it.
 */
export interface AccessGrants {
  any: boolean;
  shared: boolean;
  placement: boolean;
}

export type RegistrationChangeRow = Omit<RegistrationChange, 'at'> & { at: Date };

/** A sharing row of a person, with the organisation's name. */
export interface SharingRow {
  organisationId: string;
  organisationName: string;
  grantedAt: Date;
  withdrawnAt: Date | null;
}

const SELECT = `
  SELECT r.id, r.person_id AS "personId", r.organisation_id AS "organisationId", o.name AS "organisationName", r.municipality_code AS "municipalityCode",
         r.form_encrypted AS "formEncrypted", r.gender, r.categories, r.child, r.support_level AS "supportLevel", r.special_needs AS "specialNeeds",
         r.risk_flags AS "riskFlags", r.urgency_tier AS "urgencyTier", r.contracted_organisation_id AS "contractedOrganisationId", c.name AS "contractedOrganisationName",
         r.next_review_on::text AS "nextReviewOn", r.consent_by AS "consentBy", r.consented_on::text AS "consentedOn",
         r.granted_days_per_month AS "grantedDaysPerMonth", r.granted_from::text AS "grantedFrom", r.granted_to::text AS "grantedTo",
         r.version, r.created_at AS "createdAt", r.updated_at AS "updatedAt"
  FROM registrations r JOIN organisations o ON o.id = r.organisation_id LEFT JOIN organisations c ON c.id = r.contracted_organisation_id`;

/** $6.. of the insert and $5.. of the update, in the same order. */
const fieldValues = (f: RegistrationFields): unknown[] => [
  f.notifiedOn, f.gender, f.categories, f.child, f.supportLevel, f.specialNeeds,
  f.riskFlags, f.urgencyTier, f.contractedOrganisationId, f.nextReviewOn, f.consentBy, f.consentedOn,
  f.grantedDaysPerMonth, f.grantedFrom, f.grantedTo,
  f.indexes.name, f.indexes.kana, f.indexes.birth,
];

const ORDER = (t: string) => `(${t}.urgency_tier = 'emergency') DESC, ${t}.next_review_on NULLS LAST, ${t}.id`;

/** The SQL of the registration aggregate: registrations, their history, and the person's sharing (person_organisations) the ledger scopes by. */
@Injectable()
export class RegistrationsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * One page of the ledger, emergencies first, then by review date. `organisationId` null: every
   * registration (an admin); otherwise those whose person shares with that organisation. The page's
   * audit row (`audit`, AuditRepository.listReadInsert) is written by the same statement, on `tx`.
   *
   * The page is chosen on narrow columns, then its rows are read from registrations (the sealed form
   * for these 50 only). Consent scope: with a blind-index condition (name, birth date) the few
   * matching registrations are each checked against their person's sharing row with the caller (by
   * its primary key: a name's ~50 matches, not the centre's ~5,000 sharing rows). Without one, the
   * caller's own sharing rows are read in the list's order from person_organisations_ledger_idx, whose
   * entries carry the registration's copy of what the filters need (migration 1765875000001): the
   * first matching entries are the page, instead of looking up each of a centre's ~5,000 persons.
   */
  async page(
    tx: EntityManager,
    organisationId: string | null,
    f: LedgerFilter,
    today: string,
    limit: number,
    audit: Omit<AuditEntry, 'subjectId' | 'detail'>,
  ): Promise<{ rows: LedgerPageRow[]; audit?: { id: string; hash: string } }> {
    const params: unknown[] = [today];
    const param = (v: unknown) => `$${params.push(v)}`;
    const where: string[] = [];
    // the sharing rows' copy when walking them, the registration itself otherwise
    const scopeWalk = organisationId !== null && !(f.nameIndex || f.birthIndex);
    const t = scopeWalk ? 's' : 'r';
    let from = 'registrations r';
    if (scopeWalk) {
      where.push(`s.organisation_id = ${param(organisationId)} AND s.withdrawn_at IS NULL AND s.registration_id IS NOT NULL`);
    } else if (organisationId !== null) {
      // LATERAL … LIMIT 1: a probe per match; a semi-join is planned as a hash of all the sharing rows
      from += ` JOIN LATERAL (SELECT FROM person_organisations s WHERE s.person_id = r.person_id AND s.organisation_id = ${param(organisationId)}
                AND s.withdrawn_at IS NULL LIMIT 1) shared ON true`;
    }
    if (f.nameIndex) {
      const p = param(f.nameIndex);
      where.push(`(r.name_index = ${p} OR r.kana_index = ${p})`);
    }
    if (f.birthIndex) where.push(`r.birth_index = ${param(f.birthIndex)}`);
    if (f.municipalityCode) where.push(`${t}.municipality_code = ${param(f.municipalityCode)}`);
    if (f.riskFlag) where.push(`${param(f.riskFlag)} = ANY (${t}.risk_flags)`);
    if (f.urgencyTier) where.push(`${t}.urgency_tier = ${param(f.urgencyTier)}`);
    if (f.reviewOverdue) where.push(`${t}.next_review_on < $1::date`);
    const page = scopeWalk
      ? `SELECT s.registration_id AS id FROM person_organisations s WHERE ${where.join(' AND ')}
         ORDER BY (s.urgency_tier = 'emergency') DESC, s.next_review_on NULLS LAST, s.registration_id LIMIT ${Number(limit)}`
      : `SELECT r.id FROM ${from} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${ORDER('r')} LIMIT ${Number(limit)}`;
    const rows: (LedgerPageRow & { auditId: string | null; auditHash: string | null })[] = await tx.query(
      `WITH page AS MATERIALIZED (${page}),
            audit AS (${AuditRepository.listReadInsert('page', audit, param)})
       SELECT r.id, r.person_id AS "personId", r.form_encrypted AS "formEncrypted", r.municipality_code AS "municipalityCode", r.risk_flags AS "riskFlags",
              r.urgency_tier AS "urgencyTier", r.next_review_on::text AS "nextReviewOn", coalesce(r.next_review_on < $1::date, false) AS overdue,
              a.id AS "auditId", a.hash AS "auditHash"
       FROM page p JOIN registrations r ON r.id = p.id LEFT JOIN audit a ON true
       ORDER BY ${ORDER('r')}`,
      params,
    );
    const [first] = rows;
    return {
      rows: rows.map(({ auditId: _i, auditHash: _h, ...r }) => r),
      ...(first?.auditId ? { audit: { id: first.auditId, hash: first.auditHash! } } : {}),
    };
  }

  /** The sealed forms after `after` in id order, `limit` of them (the blind-index rebuild walks the table with it). */
  async formsAfter(after: string, limit: number): Promise<SealedFormRow[]> {
    return this.db.query(`SELECT id::text, form_encrypted AS form FROM registrations WHERE id > $1 ORDER BY id LIMIT ${Number(limit)}`, [after]);
  }

  async setIndexes(id: string, i: BlindIndexes): Promise<void> {
    await this.db.query(`UPDATE registrations SET name_index = $2, kana_index = $3, birth_index = $4 WHERE id = $1`, [id, i.name, i.kana, i.birth]);
  }

  async insert(tx: EntityManager, r: RegistrationFields & { id: string; personId: string; organisationId: string; createdBy: string }): Promise<void> {
    await tx.query(
      `INSERT INTO registrations(id, person_id, organisation_id, municipality_code, form_encrypted, notified_on, gender, categories, child, support_level, special_needs,
         risk_flags, urgency_tier, contracted_organisation_id, next_review_on, consent_by, consented_on, granted_days_per_month, granted_from, granted_to,
         name_index, kana_index, birth_index, created_by, updated_by)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24,$24)`,
      [r.id, r.personId, r.organisationId, r.municipalityCode, r.formEncrypted, ...fieldValues(r), r.createdBy],
    );
  }

  /** The optimistic write: undefined when the registration is not at `expectedVersion` (or gone). */
  async update(tx: EntityManager, id: string, expectedVersion: number, f: RegistrationFields, updatedBy: string): Promise<{ personId: string } | undefined> {
    const [row] = await returning<{ personId: string }>(
      tx,
      `UPDATE registrations SET municipality_code = $3, form_encrypted = $4, notified_on = $5, gender = $6, categories = $7, child = $8, support_level = $9,
         special_needs = $10, risk_flags = $11, urgency_tier = $12, contracted_organisation_id = $13, next_review_on = $14, consent_by = $15, consented_on = $16,
         granted_days_per_month = $17, granted_from = $18, granted_to = $19, name_index = $20, kana_index = $21, birth_index = $22,
         updated_by = $23, updated_at = now(), version = version + 1
       WHERE id = $1 AND version = $2 RETURNING person_id AS "personId"`,
      [id, expectedVersion, f.municipalityCode, f.formEncrypted, ...fieldValues(f), updatedBy],
    );
    return row;
  }

  /** The registration with whether `grants` let `organisationId` read it; undefined when there is none. */
  async withAccess(id: string, organisationId: string, grants: AccessGrants, db: Db = this.db): Promise<(RegistrationRow & { allowed: boolean }) | undefined> {
    const [row] = await db.query(
      `${SELECT.replace('SELECT r.id,', `SELECT (
          $3 OR ($4 AND EXISTS (SELECT 1 FROM person_organisations s WHERE s.person_id = r.person_id AND s.organisation_id = $2 AND s.withdrawn_at IS NULL))
          OR ($5 AND EXISTS (SELECT 1 FROM emergency_requests q JOIN offers f ON f.request_id = q.id AND f.status = 'confirmed' AND f.organisation_id = $2
                             WHERE q.person_id = r.person_id)
                 AND NOT EXISTS (SELECT 1 FROM person_organisations s WHERE s.person_id = r.person_id AND s.organisation_id = $2 AND s.withdrawn_at IS NOT NULL))
        ) AS allowed, r.id,`)}
       WHERE r.id = $1`,
      [id, organisationId, grants.any, grants.shared, grants.placement],
    );
    return row;
  }

  /** Every registration (`all`) or those whose person shares with the organisation, of one municipality or all (null). */
  async readableBy(all: boolean, organisationId: string, municipalityCode: string | null): Promise<RegistrationRow[]> {
    return this.db.query(
      `${SELECT} WHERE ($1 OR r.person_id IN (SELECT person_id FROM person_organisations WHERE organisation_id = $2 AND withdrawn_at IS NULL))
         AND ($3::text IS NULL OR r.municipality_code = $3) ORDER BY r.municipality_code, r.created_at, r.id`,
      [all, organisationId, municipalityCode],
    );
  }

  /** The kana and birth-date indexes of the registrations shared with the organisation whose birth date is one of `births` (blind indexes). */
  async sharedIndexesByBirth(organisationId: string, births: Buffer[]): Promise<Pick<BlindIndexes, 'kana' | 'birth'>[]> {
    return this.db.query(
      `SELECT r.kana_index AS kana, r.birth_index AS birth FROM registrations r
       WHERE r.birth_index = ANY ($2::bytea[]) AND r.person_id IN (SELECT person_id FROM person_organisations WHERE organisation_id = $1 AND withdrawn_at IS NULL)`,
      [organisationId, births],
    );
  }

  /** Registrations per municipality present (of `codes`, or all when null), created up to `asOf` (null: now). */
  async countByMunicipality(codes: string[] | null, asOf: Date | null, db: Db = this.db): Promise<LedgerCount[]> {
    return db.query(
      `SELECT municipality_code AS "municipalityCode", count(*)::int AS registered FROM registrations
       WHERE ($1::text[] IS NULL OR municipality_code = ANY ($1)) AND ($2::timestamptz IS NULL OR created_at <= $2)
       GROUP BY municipality_code ORDER BY municipality_code`,
      [codes, asOf],
    );
  }

  async addChange(tx: EntityManager, registrationId: string, changedBy: string, action: RegistrationChange['action'], fields: string[]): Promise<void> {
    await tx.query(`INSERT INTO registration_changes(registration_id, changed_by, action, fields) VALUES ($1,$2,$3,$4)`, [registrationId, changedBy, action, fields]);
  }

  /** The history, oldest first, with who changed it. */
  async changes(registrationId: string): Promise<RegistrationChangeRow[]> {
    return this.db.query(
      `SELECT ch.changed_at AS at, u.display_name AS "byName", ch.action, ch.fields FROM registration_changes ch LEFT JOIN users u ON u.id = ch.changed_by
       WHERE ch.registration_id = $1 ORDER BY ch.changed_at, ch.id`,
      [registrationId],
    );
  }

  /** The person's sharing rows, withdrawn ones included, in the order granted. */
  async sharing(personId: string): Promise<SharingRow[]> {
    return this.db.query(
      `SELECT s.organisation_id AS "organisationId", o.name AS "organisationName", s.granted_at AS "grantedAt", s.withdrawn_at AS "withdrawnAt"
       FROM person_organisations s JOIN organisations o ON o.id = s.organisation_id WHERE s.person_id = $1 ORDER BY s.granted_at`,
      [personId],
    );
  }

  /** A new person's sharing with an organisation (a row already there is left as it is). */
  async addSharing(tx: EntityManager, personId: string, organisationId: string, grantedBy: string): Promise<void> {
    await tx.query(
      `INSERT INTO person_organisations(person_id, organisation_id, granted_by) VALUES ($1,$2,$3) ON CONFLICT DO NOTHING`,
      [personId, organisationId, grantedBy],
    );
  }

  /** The sharing with an organisation, granted again if it was withdrawn (a standing one is left as it is). */
  async restoreSharing(tx: EntityManager, personId: string, organisationId: string, grantedBy: string): Promise<void> {
    await tx.query(
      `INSERT INTO person_organisations(person_id, organisation_id, granted_by) VALUES ($1,$2,$3)
       ON CONFLICT (person_id, organisation_id) DO UPDATE SET withdrawn_at = NULL, withdrawn_by = NULL, granted_at = now(), granted_by = EXCLUDED.granted_by
         WHERE person_organisations.withdrawn_at IS NOT NULL`,
      [personId, organisationId, grantedBy],
    );
  }

  /** The sharing with an organisation, granted now (a standing one too: its grant is renewed). */
  async share(tx: EntityManager, personId: string, organisationId: string, grantedBy: string): Promise<void> {
    await tx.query(
      `INSERT INTO person_organisations(person_id, organisation_id, granted_by) VALUES ($1,$2,$3)
       ON CONFLICT (person_id, organisation_id) DO UPDATE SET withdrawn_at = NULL, withdrawn_by = NULL, granted_at = now(), granted_by = EXCLUDED.granted_by`,
      [personId, organisationId, grantedBy],
    );
  }

  /** The sharing withdrawn now; recorded even for an organisation never shared with, so it blocks it too. */
  async withdrawSharing(tx: EntityManager, personId: string, organisationId: string, withdrawnBy: string): Promise<void> {
    await tx.query(
      `INSERT INTO person_organisations(person_id, organisation_id, granted_by, withdrawn_at, withdrawn_by) VALUES ($1,$2,$3,now(),$3)
       ON CONFLICT (person_id, organisation_id) DO UPDATE SET withdrawn_at = now(), withdrawn_by = EXCLUDED.withdrawn_by WHERE person_organisations.withdrawn_at IS NULL`,
      [personId, organisationId, withdrawnBy],
    );
  }
}
