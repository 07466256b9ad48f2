import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { CandidateUnit } from '@akiwa/domain';
import type { DeclineReason, EmergencyRequestSummary, FilterExclusionView, InboxItem, MatchScope, RecipientView, RequestNeeds, RequestStatus, Urgency } from '@akiwa/contracts';
import type { RequestRow } from './request.sql';
import type { TimelineData, TimelineKind } from './request-timeline';

type Db = DataSource | EntityManager;

/** Every column but the encrypted person, which is selected only where it is decrypted (and audited). */
const REQUEST_COLUMNS = `
  e.id, e.organisation_id AS "organisationId", e.created_by AS "createdBy", e.status, e.urgency, e.age_band AS "ageBand",
  e.gender, e.categories, e.child, e.support_level AS "supportLevel", e.special_needs AS "specialNeeds",
  e.municipality_code AS "municipalityCode", e.from_night::text AS "from", e.nights, e.scope, e.widens_at AS "widensAt",
  e.situation_encrypted AS "situationEncrypted", e.contracted_organisation_id AS "contractedOrganisationId", e.follow_up_on::text AS "followUpOn",
  e.exclusions, e.created_at AS "createdAt"`;

/** The lock a use-case takes on the request row as it reads it. */
export type RequestLock = '' | 'FOR NO KEY UPDATE' | 'FOR SHARE';

/** A unit a provider offers, with what matching checks again at accept time. */
export type OfferedUnitRow = Omit<CandidateUnit, 'place' | 'vacancies'> & { name: string; municipalityCode: string; retired: boolean };

/** A new request, its person and situation already encrypted. */
export interface NewRequest {
  id: string;
  organisationId: string;
  createdBy: string;
  status: RequestStatus;
  urgency: Urgency;
  needs: RequestNeeds;
  municipalityCode: string;
  from: string;
  nights: number;
  scope: MatchScope;
  widensAt: Date | null;
  situationEncrypted: Buffer;
  contractedOrganisationId: string | null;
  personEncrypted: Buffer | null;
  exclusions: Partial<Record<MatchScope, FilterExclusionView[]>>;
  closedAt: Date | null;
}

export interface ToldRow {
  organisationId: string;
  notifiedAt: Date;
  /** told now (false: already told, its unit list extended) */
  inserted: boolean;
}

export interface DueRequestRow {
  id: string;
  scope: MatchScope;
}

/** A request of the coordinators' list, with its offer count and the page's total. */
export type RequestListRow = EmergencyRequestSummary & RequestRow & { total: string };

export interface GrantedDaysRow {
  personId: string;
  daysPerMonth: number;
  from: string | null;
  to: string | null;
}

/** A provider told, with its first offer time and its decline, if any. */
export type RecipientRow = Omit<RecipientView, 'notifiedAt' | 'answerBy' | 'answer'> & {
  notifiedAt: Date;
  answerBy: Date;
  offeredAt: Date | null;
  declinedAt: Date | null;
  reason: DeclineReason | null;
};

export interface TimelineRow {
  id: string;
  at: Date;
  kind: TimelineKind;
  data: TimelineData;
  textEncrypted: Buffer | null;
  actor: string | null;
}

/** A provider's inbox row: the request told, its answer (latest offer, decline) and who saw it. */
export type InboxRow = Omit<InboxItem, 'needs' | 'response' | 'person' | 'receivedAt'> &
  Pick<RequestRow, 'ageBand' | 'gender' | 'categories' | 'child' | 'supportLevel' | 'specialNeeds'> & {
    recipientId: string;
    receivedAt: Date;
    declineReason: DeclineReason | null;
    declineNoteEncrypted: Buffer | null;
    declinedAt: Date | null;
    offerId: string | null;
    confirmedOrganisationId: string | null;
    seenAt: Date | null;
    seenBy: string | null;
  };

const INBOX_SELECT = `
  SELECT r.request_id AS "requestId", r.organisation_id AS "recipientId", r.notified_at AS "receivedAt",
         e.status, e.urgency, e.age_band AS "ageBand", e.gender, e.categories, e.child, e.support_level AS "supportLevel",
         e.special_needs AS "specialNeeds", e.municipality_code AS "municipalityCode", e.from_night::text AS "from", e.nights,
         po.name AS "postingOrganisationName", po.phone AS "postingOrganisationPhone", r.contracted,
         (SELECT coalesce(json_agg(json_build_object('id', mu.id, 'name', mu.name) ORDER BY mu.name), '[]'::json)
            FROM units mu WHERE mu.id = ANY(r.unit_ids)) AS "matchingUnits",
         d.reason AS "declineReason", d.note_encrypted AS "declineNoteEncrypted", d.at AS "declinedAt",
         lo.id AS "offerId", rc.seen_at AS "seenAt", su.display_name AS "seenBy",
         (SELECT c.organisation_id FROM offers c WHERE c.request_id = r.request_id AND c.status = 'confirmed') AS "confirmedOrganisationId"
  FROM request_recipients r
  JOIN emergency_requests e ON e.id = r.request_id
  JOIN organisations po ON po.id = e.organisation_id
  LEFT JOIN request_responses d ON d.request_id = r.request_id AND d.organisation_id = r.organisation_id
  LEFT JOIN request_receipts rc ON rc.request_id = r.request_id AND rc.organisation_id = r.organisation_id
  LEFT JOIN users su ON su.id = rc.seen_by
  LEFT JOIN LATERAL (
    SELECT o.id FROM offers o WHERE o.request_id = r.request_id AND o.organisation_id = r.organisation_id
    ORDER BY o.status IN ('held', 'confirmed') DESC, o.created_at DESC LIMIT 1
  ) lo ON true`;

/**
 * The SQL of an emergency request (the `emergency_requests` row, who was told — `request_recipients`
 * — and who declined — `request_responses`). Writes run in the caller's transaction, after the
 * request row lock the use-case takes with `load`.
 */
@Injectable()
export class RequestsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The request row (no person), read with the lock asked for. */
  async load(id: string, db: Db = this.db, lock: RequestLock = ''): Promise<RequestRow | null> {
    const [row] = await db.query(`SELECT ${REQUEST_COLUMNS} FROM emergency_requests e WHERE e.id = $1 ${lock}`, [id]);
    return row ?? null;
  }

  async insert(tx: EntityManager, r: NewRequest): Promise<RequestRow> {
    const [row]: RequestRow[] = await tx.query(
      `INSERT INTO emergency_requests(id, organisation_id, created_by, status, urgency, age_band, gender, categories, child, support_level,
           special_needs, municipality_code, from_night, nights, scope, widens_at, situation_encrypted, contracted_organisation_id, person_encrypted,
           exclusions, closed_at)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21)
         RETURNING id, organisation_id AS "organisationId", status, urgency, age_band AS "ageBand", gender, categories, child,
           support_level AS "supportLevel", special_needs AS "specialNeeds", municipality_code AS "municipalityCode",
           from_night::text AS "from", nights, scope, widens_at AS "widensAt", situation_encrypted AS "situationEncrypted",
           contracted_organisation_id AS "contractedOrganisationId", follow_up_on::text AS "followUpOn", exclusions, created_at AS "createdAt"`,
      [r.id, r.organisationId, r.createdBy, r.status, r.urgency, r.needs.ageBand, r.needs.gender, r.needs.categories, r.needs.child,
        r.needs.supportLevel, r.needs.specialNeeds, r.municipalityCode, r.from, r.nights, r.scope, r.widensAt, r.situationEncrypted,
        r.contractedOrganisationId, r.personEncrypted, r.exclusions, r.closedAt],
    );
    return row;
  }

  /** Links the request to the ledger's registered person. */
  async linkPerson(tx: EntityManager, requestId: string, personId: string): Promise<void> {
    await tx.query(`UPDATE emergency_requests SET person_id = $2 WHERE id = $1`, [requestId, personId]);
  }

  async setPerson(tx: EntityManager, requestId: string, personEncrypted: Buffer): Promise<void> {
    await tx.query(`UPDATE emergency_requests SET person_encrypted = $2, updated_at = now() WHERE id = $1`, [requestId, personEncrypted]);
  }

  async setFollowUp(tx: EntityManager, requestId: string, followUpOn: string | null): Promise<void> {
    await tx.query(`UPDATE emergency_requests SET follow_up_on = $2, updated_at = now() WHERE id = $1`, [requestId, followUpOn]);
  }

  async markPlaced(tx: EntityManager, requestId: string): Promise<void> {
    await tx.query(`UPDATE emergency_requests SET status = 'placed', widens_at = NULL, closed_at = now(), updated_at = now() WHERE id = $1`, [requestId]);
  }

  async markCancelled(tx: EntityManager, requestId: string): Promise<void> {
    await tx.query(`UPDATE emergency_requests SET status = 'cancelled', widens_at = NULL, closed_at = now(), updated_at = now() WHERE id = $1`, [requestId]);
  }

  async markUnplaced(tx: EntityManager, requestId: string, scope: MatchScope, exclusions: RequestRow['exclusions']): Promise<void> {
    await tx.query(`UPDATE emergency_requests SET status = 'unplaced', scope = $2, widens_at = NULL, exclusions = $3, closed_at = now(), updated_at = now() WHERE id = $1`, [
      requestId,
      scope,
      exclusions,
    ]);
  }

  /** The scope reached, when it widens next, and why providers were left out. */
  async setScope(tx: EntityManager, requestId: string, scope: MatchScope, widensAt: Date, exclusions: RequestRow['exclusions']): Promise<void> {
    await tx.query(`UPDATE emergency_requests SET scope = $2, widens_at = $3, exclusions = $4, updated_at = now() WHERE id = $1`, [requestId, scope, widensAt, exclusions]);
  }

  /** The next open request due to widen at `now`, claimed FOR NO KEY UPDATE SKIP LOCKED. */
  async claimDue(tx: EntityManager, now: Date): Promise<DueRequestRow | undefined> {
    const [due]: DueRequestRow[] = await tx.query(
      `SELECT id, scope FROM emergency_requests WHERE status = 'open' AND widens_at <= $1 ORDER BY widens_at LIMIT 1 FOR NO KEY UPDATE SKIP LOCKED`,
      [now],
    );
    return due;
  }

  /** Moves the widening timer to `until` (the last hold's expiry) or, when null, to the claim's lease end. */
  async postponeWidening(tx: EntityManager, requestId: string, until: Date | null, leaseEnd: Date): Promise<void> {
    await tx.query(`UPDATE emergency_requests SET widens_at = coalesce($2::timestamptz, $3::timestamptz) WHERE id = $1`, [requestId, until, leaseEnd]);
  }

  /** Everyone told has declined and nobody holds a bed: the request is due to widen at `now`. */
  async widenNowIfAllDeclined(tx: EntityManager, requestId: string, now: Date): Promise<void> {
    await tx.query(
      `UPDATE emergency_requests e SET widens_at = $2 WHERE e.id = $1 AND e.status = 'open'
           AND NOT EXISTS (SELECT 1 FROM request_recipients r WHERE r.request_id = e.id
                           AND NOT EXISTS (SELECT 1 FROM request_responses d WHERE d.request_id = r.request_id AND d.organisation_id = r.organisation_id))
           AND NOT EXISTS (SELECT 1 FROM offers o WHERE o.request_id = e.id AND o.status = 'held')`,
      [requestId, now],
    );
  }

  /** The units of the organisation that matched the request; undefined when it was not told. */
  async recipientUnits(requestId: string, organisationId: string): Promise<string[] | undefined> {
    const [r] = await this.db.query(`SELECT unit_ids::text[] AS "unitIds" FROM request_recipients WHERE request_id = $1 AND organisation_id = $2`, [requestId, organisationId]);
    return r?.unitIds;
  }

  /** The organisations already told of the request. */
  async toldOrganisations(requestId: string): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(`SELECT organisation_id AS id FROM request_recipients WHERE request_id = $1`, [requestId]);
    return rows.map((r) => r.id);
  }

  /**
   * Records who may read the request and which of their units match, told now (`at`) by the app and
   * awaited until `answerBy`. A provider already told keeps its first notice time and answer time and
   * gets its unit list extended; `inserted` marks those told now.
   */
  async upsertRecipients(
    tx: EntityManager,
    requestId: string,
    scope: MatchScope,
    recipients: { organisationId: string; units: { id: string }[]; contracted?: boolean }[],
    at: Date,
    answerBy: Date,
  ): Promise<ToldRow[]> {
    if (!recipients.length) return [];
    return tx.query(
      `INSERT INTO request_recipients(request_id, organisation_id, scope, unit_ids, contracted, notified_at, answer_by)
     SELECT $1, (x->>'o')::uuid, $2, ARRAY(SELECT jsonb_array_elements_text(x->'u'))::uuid[], (x->>'c')::boolean, $4, $5
     FROM jsonb_array_elements($3::jsonb) x
     ON CONFLICT (request_id, organisation_id) DO UPDATE
       SET unit_ids = ARRAY(SELECT DISTINCT u FROM unnest(request_recipients.unit_ids || EXCLUDED.unit_ids) u)
     RETURNING organisation_id AS "organisationId", notified_at AS "notifiedAt", (xmax = 0) AS inserted`,
      [requestId, scope, JSON.stringify(recipients.map((r) => ({ o: r.organisationId, u: r.units.map((u) => u.id), c: !!r.contracted }))), at, answerBy],
    );
  }

  /**
   * When the last awaited answer is due: the latest `answer_by` of providers told that have neither
   * declined nor ever offered and whose time has not passed at `now`; null when nobody is awaited.
   */
  async awaitedUntil(tx: EntityManager, requestId: string, now: Date): Promise<Date | null> {
    const [{ until }] = await tx.query(
      `SELECT max(r.answer_by) AS until FROM request_recipients r
     WHERE r.request_id = $1 AND r.answer_by > $2
       AND NOT EXISTS (SELECT 1 FROM request_responses d WHERE d.request_id = r.request_id AND d.organisation_id = r.organisation_id)
       AND NOT EXISTS (SELECT 1 FROM offers o WHERE o.request_id = r.request_id AND o.organisation_id = r.organisation_id)`,
      [requestId, now],
    );
    return until;
  }

  /** The organisation's decline, cleared when it offers after all. */
  async deleteResponse(tx: EntityManager, requestId: string, organisationId: string): Promise<void> {
    await tx.query(`DELETE FROM request_responses WHERE request_id = $1 AND organisation_id = $2`, [requestId, organisationId]);
  }

  /** The organisation's decline (a later one replaces it), its note already encrypted. */
  async upsertDecline(tx: EntityManager, requestId: string, organisationId: string, reason: DeclineReason, noteEncrypted: Buffer | null, by: string): Promise<void> {
    await tx.query(
      `INSERT INTO request_responses(request_id, organisation_id, reason, note_encrypted, responded_by) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (request_id, organisation_id) DO UPDATE SET reason = EXCLUDED.reason, note_encrypted = EXCLUDED.note_encrypted, responded_by = EXCLUDED.responded_by, at = now()`,
      [requestId, organisationId, reason, noteEncrypted, by],
    );
  }

  /** The unit a provider offers, with the fields matching checks again. */
  async offeredUnit(unitId: string): Promise<OfferedUnitRow | undefined> {
    const [unit]: OfferedUnitRow[] = await this.db.query(
      `SELECT u.id AS "unitId", u.organisation_id AS "organisationId", u.name, u.municipality_code AS "municipalityCode", u.categories,
              u.accepts_children AS "acceptsChildren", u.support_level_min AS "supportLevelMin", u.support_level_max AS "supportLevelMax",
              u.special_needs AS "specialNeeds", u.room_gender AS "roomGender", u.emergency_ok AS "emergencyOk",
              u.admissions_paused_until AS "admissionsPausedUntil", u.retired_at IS NOT NULL AS retired
       FROM units u WHERE u.id = $1`,
      [unitId],
    );
    return unit;
  }

  /** An organisation's name for the timeline ('' when unknown). */
  async organisationName(tx: EntityManager, id: string): Promise<string> {
    const [o] = await tx.query(`SELECT name FROM organisations WHERE id = $1`, [id]);
    return o?.name ?? '';
  }

  /** The posting centre's name and phone, shown to the providers told. */
  async postingOrganisation(tx: EntityManager, id: string): Promise<{ name: string; phone: string }> {
    const [posting] = (await tx.query(`SELECT name, phone FROM organisations WHERE id = $1`, [id])) as { name: string; phone: string }[];
    return posting;
  }

  async organisationKind(id: string): Promise<string | undefined> {
    const [org] = await this.db.query(`SELECT kind FROM organisations WHERE id = $1`, [id]);
    return org?.kind;
  }

  // ---- the timeline (request_events) ----

  async addEvent(tx: EntityManager, requestId: string, kind: TimelineKind, actorId: string | null, data: TimelineData): Promise<void> {
    await tx.query(`INSERT INTO request_events(request_id, kind, actor_id, data) VALUES ($1, $2, $3, $4)`, [requestId, kind, actorId, data]);
  }

  /** The id the next timeline row will take (its encrypted text is bound to it). */
  async nextEventId(tx: EntityManager): Promise<string> {
    const [{ id }]: { id: string }[] = await tx.query(`SELECT nextval(pg_get_serial_sequence('request_events', 'id'))::text AS id`);
    return id;
  }

  async addEventWithText(tx: EntityManager, id: string, requestId: string, kind: TimelineKind, actorId: string | null, data: TimelineData, textEncrypted: Buffer | null): Promise<void> {
    await tx.query(`INSERT INTO request_events(id, request_id, kind, actor_id, data, text_encrypted) VALUES ($1::bigint, $2, $3, $4, $5, $6)`, [
      id,
      requestId,
      kind,
      actorId,
      data,
      textEncrypted,
    ]);
  }

  /** Organisations' names, to copy into a wave's timeline row. */
  async organisationNames(tx: EntityManager, ids: string[]): Promise<{ id: string; name: string }[]> {
    return tx.query(`SELECT id, name FROM organisations WHERE id = ANY($1::uuid[])`, [ids]);
  }

  // ---- what the notifier addresses ----

  /** The units whose held beds changed, with their vacancy version, in id order. */
  async unitVersions(tx: EntityManager, unitIds: string[]): Promise<{ id: string; organisationId: string; municipalityCode: string; vacancyVersion: number }[]> {
    return tx.query(
      `SELECT id, organisation_id AS "organisationId", municipality_code AS "municipalityCode", vacancy_version AS "vacancyVersion" FROM units WHERE id = ANY($1::uuid[]) ORDER BY id`,
      [unitIds],
    );
  }

  /** The active coordinators of the organisation (their user rooms get the request's events). */
  async activeCoordinators(tx: EntityManager, organisationId: string): Promise<string[]> {
    const rows: { id: string }[] = await tx.query(`SELECT id FROM users WHERE organisation_id = $1 AND role = 'coordinator' AND active`, [organisationId]);
    return rows.map((r) => r.id);
  }

  // ---- the read side ----

  /** A page of the organisation's requests, open first then newest, each with its offer count and the total. */
  async listOf(organisationId: string, q: { limit: number; offset: number; status?: RequestStatus }): Promise<RequestListRow[]> {
    return this.db.query(
      `SELECT ${REQUEST_COLUMNS}, (SELECT count(*) FROM offers o WHERE o.request_id = e.id)::int AS offers, count(*) OVER () AS total
       FROM emergency_requests e WHERE e.organisation_id = $1 AND ($2::text IS NULL OR e.status = $2)
       ORDER BY e.status = 'open' DESC, e.created_at DESC LIMIT $3 OFFSET $4`,
      [organisationId, q.status ?? null, q.limit, q.offset],
    );
  }

  async countOf(organisationId: string, status?: RequestStatus): Promise<number> {
    const [c] = await this.db.query(`SELECT count(*)::int AS n FROM emergency_requests WHERE organisation_id = $1 AND ($2::text IS NULL OR status = $2)`, [
      organisationId,
      status ?? null,
    ]);
    return c.n;
  }

  /** How many timeline entries of the request carry an encrypted text (notes, decline notes). */
  async notesCount(requestId: string): Promise<number> {
    const [{ notes }] = await this.db.query(`SELECT count(*)::int AS notes FROM request_events WHERE request_id = $1 AND text_encrypted IS NOT NULL`, [requestId]);
    return notes;
  }

  /** The 支給量 of the request's registered person, when the ledger grants days. */
  async grantedDays(requestId: string, db: Db = this.db): Promise<GrantedDaysRow | undefined> {
    const [granted]: GrantedDaysRow[] = await db.query(
      `SELECT r.person_id AS "personId", r.granted_days_per_month AS "daysPerMonth", r.granted_from::text AS "from", r.granted_to::text AS "to"
       FROM emergency_requests e JOIN registrations r ON r.person_id = e.person_id
       WHERE e.id = $1 AND r.granted_days_per_month IS NOT NULL`,
      [requestId],
    );
    return granted;
  }

  /** The person's other placed requests (a confirmed offer), from any centre. */
  async otherPlacements(personId: string, requestId: string, db: Db = this.db): Promise<{ from: string; nights: number }[]> {
    return db.query(
      `SELECT q.from_night::text AS "from", q.nights FROM emergency_requests q
       WHERE q.person_id = $1 AND q.id <> $2 AND EXISTS (SELECT 1 FROM offers f WHERE f.request_id = q.id AND f.status = 'confirmed')`,
      [personId, requestId],
    );
  }

  /** Who was told, contracted first then in the order told. */
  async recipients(requestId: string, db: Db = this.db): Promise<RecipientRow[]> {
    return db.query(
      `SELECT r.organisation_id AS "organisationId", org.name AS "organisationName", r.contracted, r.scope, r.channel,
                r.notified_at AS "notifiedAt", r.answer_by AS "answerBy",
                (SELECT min(o.created_at) FROM offers o WHERE o.request_id = r.request_id AND o.organisation_id = r.organisation_id) AS "offeredAt",
                d.at AS "declinedAt", d.reason
         FROM request_recipients r JOIN organisations org ON org.id = r.organisation_id
         LEFT JOIN request_responses d ON d.request_id = r.request_id AND d.organisation_id = r.organisation_id
         WHERE r.request_id = $1 ORDER BY r.contracted DESC, r.notified_at, org.name`,
      [requestId],
    );
  }

  /** The request's timeline in order, texts still encrypted. */
  async timeline(requestId: string, db: Db = this.db): Promise<TimelineRow[]> {
    return db.query(
      `SELECT ev.id::text AS id, ev.at, ev.kind, ev.data, ev.text_encrypted AS "textEncrypted", us.display_name AS actor
       FROM request_events ev LEFT JOIN users us ON us.id = ev.actor_id WHERE ev.request_id = $1 ORDER BY ev.id`,
      [requestId],
    );
  }

  /** A page of the organisation's inbox, newest first. */
  async inboxPage(organisationId: string, q: { limit: number; offset: number }): Promise<InboxRow[]> {
    return this.db.query(`${INBOX_SELECT} WHERE r.organisation_id = $1 ORDER BY r.notified_at DESC, r.request_id LIMIT $2 OFFSET $3`, [organisationId, q.limit, q.offset]);
  }

  async inboxCount(organisationId: string): Promise<number> {
    const [{ total }] = await this.db.query(`SELECT count(*)::int AS total FROM request_recipients WHERE organisation_id = $1`, [organisationId]);
    return total;
  }

  /** The organisation's inbox row for the request (none when it was not told). */
  async inboxOf(requestId: string, organisationId: string): Promise<InboxRow[]> {
    return this.db.query(`${INBOX_SELECT} WHERE r.request_id = $1 AND r.organisation_id = $2`, [requestId, organisationId]);
  }

  /** The inbox rows of every recipient of the request, or of the given ones. */
  async inboxOfRecipients(requestId: string, organisationIds: string[] | null, db: Db = this.db): Promise<InboxRow[]> {
    return db.query(`${INBOX_SELECT} WHERE r.request_id = $1 AND ($2::uuid[] IS NULL OR r.organisation_id = ANY($2::uuid[]))`, [requestId, organisationIds]);
  }

  /** Whether the request's registered person withdrew consent for this organisation (registrant ledger). */
  async consentWithdrawn(requestId: string, organisationId: string): Promise<boolean> {
    const [row] = await this.db.query(
      `SELECT 1 FROM emergency_requests e JOIN person_organisations s ON s.person_id = e.person_id
       WHERE e.id = $1 AND s.organisation_id = $2 AND s.withdrawn_at IS NOT NULL`,
      [requestId, organisationId],
    );
    return Boolean(row);
  }

  /** The encrypted person of the request (null without one). */
  async personBlob(requestId: string): Promise<Buffer | null> {
    const [row] = await this.db.query(`SELECT person_encrypted AS blob FROM emergency_requests WHERE id = $1`, [requestId]);
    return row?.blob ?? null;
  }
}
