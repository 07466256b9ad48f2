import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type {
  DeclineReason,
  EmergencyRequestSummary,
  EmergencyRequestView,
  GrantedDaysStatus,
  InboxItem,
  OfferClosedReason,
  OfferStatus,
  OfferView,
  RecipientView,
  Page,
  PersonDetails,
  RequestStatus,
  TimelineEntry,
} from '@akiwa/contracts';
import { distanceBetween, grantedDaysStatus } from '@akiwa/domain';
import type { AuthUser } from '../common/auth/auth-user';
import { PersonalDataCipher } from '../common/crypto/personal-data.cipher';
import { AuditLog } from '../audit/audit-log.service';
import { declineNoteAad, flatExclusions, needsOf, personAad, REQUEST_COLUMNS, situationAad, type RequestRow } from './request.sql';
import { RequestErrors } from './request-errors';
import { RequestMatcher } from './request-matcher.service';
import { eventTextAad, TEXT_FIELD, timelineText, type TimelineData, type TimelineKind } from './request-timeline';

/**
 * `read`: the free texts (situation, notes, decline notes) are decrypted — only for a caller who may
 * read them, and after the read is audited. `withheld`: they are left out (socket pushes, outbox rows).
 */
export type PersonalTexts = 'read' | 'withheld';

type OfferRow = Omit<OfferView, 'distance' | 'expiresAt' | 'createdAt' | 'closedReason'> & {
  expiresAt: Date;
  createdAt: Date;
  homeCode: string;
  contractedOrganisationId: string | null;
  requestStatus: RequestStatus;
};

/** Why an offer ended: released offers were let go because another was confirmed or the request was cancelled. */
function closedReason(status: OfferStatus, requestStatus: RequestStatus): OfferClosedReason | null {
  if (status === 'expired') return 'expired';
  if (status === 'withdrawn') return 'withdrawn';
  if (status !== 'released') return null;
  return requestStatus === 'cancelled' ? 'cancelled' : 'placed_elsewhere';
}

type InboxRow = Omit<InboxItem, 'needs' | 'response' | 'person' | 'receivedAt'> &
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

const OFFER_COLUMNS = `o.id, o.request_id AS "requestId", o.organisation_id AS "organisationId", org.name AS "organisationName",
  o.unit_id AS "unitId", u.name AS "unitName", u.municipality_code AS "municipalityCode", o.status,
  o.expires_at AS "expiresAt", o.created_at AS "createdAt", u.contact_24h AS "contact24h",
  e.municipality_code AS "homeCode", e.contracted_organisation_id AS "contractedOrganisationId", e.status AS "requestStatus"`;
const OFFER_FROM = `offers o JOIN units u ON u.id = o.unit_id JOIN organisations org ON org.id = o.organisation_id JOIN emergency_requests e ON e.id = o.request_id`;

const STATUS_RANK: Record<OfferStatus, number> = { confirmed: 0, held: 1, expired: 2, withdrawn: 2, released: 2 };

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
 * The read side: what coordinators and providers see. Personal data (the person, the situation,
 * notes, decline notes) is decrypted only in `detail` (the posting coordinators) and the inbox reads
 * (the person only for the confirmed provider; a provider's own decline notes), and each such read is
 * written to the audit log before the data leaves. Views pushed over sockets never carry it.
 */
@Injectable()
export class RequestQueries {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly matcher: RequestMatcher,
    private readonly cipher: PersonalDataCipher,
    private readonly audit: AuditLog,
  ) {}

  async load(id: string, db: DataSource | EntityManager = this.db, lock: '' | 'FOR NO KEY UPDATE' | 'FOR SHARE' = ''): Promise<RequestRow | null> {
    const [row] = await db.query(`SELECT ${REQUEST_COLUMNS} FROM emergency_requests e WHERE e.id = $1 ${lock}`, [id]);
    return row ?? null;
  }

  /** A request of the caller's organisation (coordinators), or 404 / 403. */
  async own(auth: AuthUser, id: string, db: DataSource | EntityManager = this.db, lock: '' | 'FOR NO KEY UPDATE' = ''): Promise<RequestRow> {
    const row = await this.load(id, db, lock);
    if (!row) throw RequestErrors.notFound();
    if (row.organisationId !== auth.organisationId) throw RequestErrors.otherOrganisation();
    return row;
  }

  async list(auth: AuthUser, q: { limit: number; offset: number; status?: RequestStatus }): Promise<Page<EmergencyRequestSummary>> {
    const rows: (EmergencyRequestSummary & RequestRow & { total: string })[] = await this.db.query(
      `SELECT ${REQUEST_COLUMNS}, (SELECT count(*) FROM offers o WHERE o.request_id = e.id)::int AS offers, count(*) OVER () AS total
       FROM emergency_requests e WHERE e.organisation_id = $1 AND ($2::text IS NULL OR e.status = $2)
       ORDER BY e.status = 'open' DESC, e.created_at DESC LIMIT $3 OFFSET $4`,
      [auth.organisationId, q.status ?? null, q.limit, q.offset],
    );
    let total = rows.length ? Number(rows[0].total) : 0;
    if (!rows.length && q.offset > 0) {
      const [c] = await this.db.query(`SELECT count(*)::int AS n FROM emergency_requests WHERE organisation_id = $1 AND ($2::text IS NULL OR status = $2)`, [
        auth.organisationId,
        q.status ?? null,
      ]);
      total = c.n;
    }
    return {
      items: rows.map((r) => ({
        id: r.id,
        status: r.status,
        urgency: r.urgency,
        needs: needsOf(r),
        municipalityCode: r.municipalityCode,
        from: r.from,
        nights: r.nights,
        scope: r.scope,
        offers: r.offers,
        createdAt: r.createdAt.toISOString(),
      })),
      total,
      limit: q.limit,
      offset: q.offset,
    };
  }

  /**
   * The posting coordinators' view, with the person, the situation and the notes decrypted: two
   * audited reads (`person.read` when there is a person, `request.texts.read` always), recorded first.
   */
  async detail(auth: AuthUser, id: string): Promise<EmergencyRequestView> {
    const row = await this.own(auth, id);
    const person = await this.readPerson(auth, id, 'request.view');
    const [{ notes }] = await this.db.query(`SELECT count(*)::int AS notes FROM request_events WHERE request_id = $1 AND text_encrypted IS NOT NULL`, [id]);
    await this.audit.record({ actor: auth, action: 'request.texts.read', subjectType: 'emergency_request', subjectId: id, detail: { purpose: 'request.view', situation: true, notes } });
    return this.view(row, person, this.db, 'read');
  }

  /**
   * The full view of a request; `person` is given by the caller (null in socket pushes). The free
   * texts are decrypted only with `texts = 'read'`, which only `detail` passes, after auditing.
   */
  async view(row: RequestRow, person: PersonDetails | null, db: DataSource | EntityManager = this.db, texts: PersonalTexts = 'withheld'): Promise<EmergencyRequestView> {
    const [offers, timeline, recipients, grantedDays] = await Promise.all([
      this.offers(`o.request_id = $1`, [row.id], db),
      this.timeline(row.id, db, texts),
      this.recipients(row.id, db),
      this.grantedDays(row, db),
    ]);
    return {
      id: row.id,
      organisationId: row.organisationId,
      status: row.status,
      urgency: row.urgency,
      needs: needsOf(row),
      municipalityCode: row.municipalityCode,
      from: row.from,
      nights: row.nights,
      scope: row.scope,
      widensAt: row.status === 'open' && row.widensAt ? row.widensAt.toISOString() : null,
      situation: texts === 'withheld' ? null : this.cipher.decrypt(row.situationEncrypted, situationAad(row.id)),
      contractedOrganisationId: row.contractedOrganisationId,
      person,
      matchedProviders: recipients.length,
      recipients,
      exclusions: flatExclusions(row.exclusions),
      offers,
      placement: offers.find((o) => o.status === 'confirmed') ?? null,
      grantedDays,
      followUpOn: row.followUpOn,
      timeline,
      createdAt: row.createdAt.toISOString(),
    };
  }

  /**
   * 支給量 for the confirm step (seed 000 ④): when the request was made from a registration with
   * granted days, this stay against the person's other placements (confirmed offers of their
   * requests, from any centre). Counts only, no personal text: safe in pushes to the posting centre.
   */
  private async grantedDays(row: RequestRow, db: DataSource | EntityManager): Promise<GrantedDaysStatus | null> {
    const [granted]: { personId: string; daysPerMonth: number; from: string | null; to: string | null }[] = await db.query(
      `SELECT r.person_id AS "personId", r.granted_days_per_month AS "daysPerMonth", r.granted_from::text AS "from", r.granted_to::text AS "to"
       FROM emergency_requests e JOIN registrations r ON r.person_id = e.person_id
       WHERE e.id = $1 AND r.granted_days_per_month IS NOT NULL`,
      [row.id],
    );
    if (!granted) return null;
    const placed: { from: string; nights: number }[] = await db.query(
      `SELECT q.from_night::text AS "from", q.nights FROM emergency_requests q
       WHERE q.person_id = $1 AND q.id <> $2 AND EXISTS (SELECT 1 FROM offers f WHERE f.request_id = q.id AND f.status = 'confirmed')`,
      [granted.personId, row.id],
    );
    return grantedDaysStatus(granted, placed, { from: row.from, nights: row.nights });
  }

  async viewById(id: string, db: DataSource | EntityManager = this.db): Promise<EmergencyRequestView | null> {
    const row = await this.load(id, db);
    return row ? this.view(row, null, db) : null;
  }

  /** Offers ranked: the placement and live holds first, then the contracted provider, then nearness. */
  async offers(where: string, params: unknown[], db: DataSource | EntityManager = this.db): Promise<OfferView[]> {
    const rows: OfferRow[] = await db.query(`SELECT ${OFFER_COLUMNS} FROM ${OFFER_FROM} WHERE ${where}`, params);
    const views = await Promise.all(
      rows.map(async ({ homeCode, contractedOrganisationId, requestStatus, ...o }) => {
        const [place, home] = await Promise.all([this.matcher.place(o.municipalityCode), this.matcher.place(homeCode)]);
        const view: OfferView = {
          ...o,
          distance: place && home ? distanceBetween(place, home) : 3,
          expiresAt: o.expiresAt.toISOString(),
          createdAt: o.createdAt.toISOString(),
          closedReason: closedReason(o.status, requestStatus),
        };
        return { view, contracted: o.organisationId === contractedOrganisationId };
      }),
    );
    return views
      .sort(
        (a, b) =>
          STATUS_RANK[a.view.status] - STATUS_RANK[b.view.status] ||
          Number(b.contracted) - Number(a.contracted) ||
          a.view.distance - b.view.distance ||
          a.view.createdAt.localeCompare(b.view.createdAt),
      )
      .map((v) => v.view);
  }

  /** Who was told, contracted first then in the order told, with each one's first answer (an offer, or its decline). */
  private async recipients(requestId: string, db: DataSource | EntityManager = this.db): Promise<RecipientView[]> {
    const rows: (Omit<RecipientView, 'notifiedAt' | 'answerBy' | 'answer'> & { notifiedAt: Date; answerBy: Date; offeredAt: Date | null; declinedAt: Date | null; reason: DeclineReason | null })[] =
      await db.query(
        `SELECT r.organisation_id AS "organisationId", org.name AS "organisationName", r.contracted, r.scope, r.channel,
                r.notified_at AS "notifiedAt", r.answer_by AS "answerBy",
                (SELECT min(o.created_at) FROM offers o WHERE o.request_id = r.request_id AND o.organisation_id = r.organisation_id) AS "offeredAt",
                d.at AS "declinedAt", d.reason
         FROM request_recipients r JOIN organisations org ON org.id = r.organisation_id
         LEFT JOIN request_responses d ON d.request_id = r.request_id AND d.organisation_id = r.organisation_id
         WHERE r.request_id = $1 ORDER BY r.contracted DESC, r.notified_at, org.name`,
        [requestId],
      );
    return rows.map(({ offeredAt, declinedAt, reason, notifiedAt, answerBy, ...r }) => ({
      ...r,
      notifiedAt: notifiedAt.toISOString(),
      answerBy: answerBy.toISOString(),
      answer:
        offeredAt && (!declinedAt || offeredAt <= declinedAt)
          ? { kind: 'offer', at: offeredAt.toISOString() }
          : declinedAt && reason
            ? { kind: 'declined', at: declinedAt.toISOString(), reason }
            : null,
    }));
  }

  private async timeline(requestId: string, db: DataSource | EntityManager, texts: PersonalTexts): Promise<TimelineEntry[]> {
    const rows: { id: string; at: Date; kind: TimelineKind; data: TimelineData; textEncrypted: Buffer | null; actor: string | null }[] = await db.query(
      `SELECT ev.id::text AS id, ev.at, ev.kind, ev.data, ev.text_encrypted AS "textEncrypted", us.display_name AS actor
       FROM request_events ev LEFT JOIN users us ON us.id = ev.actor_id WHERE ev.request_id = $1 ORDER BY ev.id`,
      [requestId],
    );
    return rows.map((r) => {
      const field = TEXT_FIELD[r.kind];
      const withheld = Boolean(r.textEncrypted) && texts === 'withheld';
      const data = field && r.textEncrypted && !withheld ? { ...r.data, [field]: this.cipher.decrypt(r.textEncrypted, eventTextAad(r.id)) } : r.data;
      return { id: r.id, at: r.at.toISOString(), kind: r.kind, ...(r.actor ? { actor: r.actor } : {}), text: timelineText(r.kind, data), ...(withheld ? { withheld: true as const } : {}) };
    });
  }

  // ---- provider inbox ----

  async inbox(auth: AuthUser, q: { limit: number; offset: number }): Promise<Page<InboxItem>> {
    const [rows, [{ total }]] = await Promise.all([
      this.db.query(`${INBOX_SELECT} WHERE r.organisation_id = $1 ORDER BY r.notified_at DESC, r.request_id LIMIT $2 OFFSET $3`, [
        auth.organisationId,
        q.limit,
        q.offset,
      ]) as Promise<InboxRow[]>,
      this.db.query(`SELECT count(*)::int AS total FROM request_recipients WHERE organisation_id = $1`, [auth.organisationId]),
    ]);
    return { items: await this.toInboxItems(rows, this.db, auth), total, limit: q.limit, offset: q.offset };
  }

  /** One inbox item: 404 unless the caller's organisation was sent the request. The placed provider also gets the person (audited). */
  async inboxItem(auth: AuthUser, requestId: string): Promise<InboxItem> {
    const rows: InboxRow[] = await this.db.query(`${INBOX_SELECT} WHERE r.request_id = $1 AND r.organisation_id = $2`, [requestId, auth.organisationId]);
    if (!rows.length) throw RequestErrors.notFound();
    const [item] = await this.toInboxItems(rows, this.db, auth);
    if (rows[0].confirmedOrganisationId === auth.organisationId && !(await this.consentWithdrawn(requestId, auth.organisationId))) {
      item.person = await this.readPerson(auth, requestId, 'inbox.view');
    }
    return item;
  }

  /** Items of every recipient (or the given ones) of a request, for socket pushes: never with the person. */
  async inboxItemsForRequest(requestId: string, organisationIds?: string[], db: DataSource | EntityManager = this.db): Promise<{ organisationId: string; item: InboxItem }[]> {
    const rows: InboxRow[] = await db.query(
      `${INBOX_SELECT} WHERE r.request_id = $1 AND ($2::uuid[] IS NULL OR r.organisation_id = ANY($2::uuid[]))`,
      [requestId, organisationIds ?? null],
    );
    const items = await this.toInboxItems(rows, db);
    return items.map((item, i) => ({ organisationId: rows[i].recipientId, item }));
  }

  /** Items of the caller (`reader`): its own decline notes decrypted, the read audited first; without a reader (pushes), withheld. */
  private async toInboxItems(rows: InboxRow[], db: DataSource | EntityManager = this.db, reader?: AuthUser): Promise<InboxItem[]> {
    const withNotes = rows.filter((r) => r.declineNoteEncrypted);
    if (reader && withNotes.length) {
      await this.audit.record({
        actor: reader,
        action: 'decline_note.read',
        subjectType: 'emergency_request',
        subjectId: withNotes.length === 1 ? withNotes[0].requestId : 'list',
        detail: { purpose: 'inbox.view', ...(withNotes.length > 1 ? { ids: withNotes.map((r) => r.requestId) } : {}) },
      });
    }
    const note = (r: InboxRow) => (!r.declineNoteEncrypted ? '' : reader ? this.cipher.decrypt(r.declineNoteEncrypted, declineNoteAad(r.requestId, r.recipientId)) : null);
    const offerIds = rows.map((r) => r.offerId).filter((id): id is string => !!id);
    const offers = new Map((offerIds.length ? await this.offers(`o.id = ANY($1::uuid[])`, [offerIds], db) : []).map((o) => [o.id, o]));
    return rows.map((r) => {
      const offer = r.offerId ? offers.get(r.offerId) : undefined;
      const live = offer && (offer.status === 'held' || offer.status === 'confirmed');
      const declinedLater = r.declineReason && (!offer || (r.declinedAt && r.declinedAt.toISOString() > offer.createdAt));
      const response: InboxItem['response'] =
        offer && (live || !declinedLater)
          ? { kind: 'offer', offer }
          : r.declineReason
            ? { kind: 'declined', reason: r.declineReason, note: note(r) }
            : null;
      return {
        requestId: r.requestId,
        status: r.status,
        urgency: r.urgency,
        needs: needsOf(r),
        municipalityCode: r.municipalityCode,
        from: r.from,
        nights: r.nights,
        matchingUnits: r.matchingUnits,
        response,
        person: null,
        postingOrganisationName: r.postingOrganisationName,
        postingOrganisationPhone: r.postingOrganisationPhone,
        contracted: r.contracted,
        receivedAt: r.receivedAt.toISOString(),
        seen: r.seenAt ? { at: r.seenAt.toISOString(), by: r.seenBy ?? '' } : null,
      };
    });
  }

  /**
   * The registered person of the request withdrew consent for this organisation (registrant ledger):
   * even the placed provider reads no more of them from then on.
   */
  private async consentWithdrawn(requestId: string, organisationId: string): Promise<boolean> {
    const [row] = await this.db.query(
      `SELECT 1 FROM emergency_requests e JOIN person_organisations s ON s.person_id = e.person_id
       WHERE e.id = $1 AND s.organisation_id = $2 AND s.withdrawn_at IS NOT NULL`,
      [requestId, organisationId],
    );
    return Boolean(row);
  }

  /** Decrypts the person of a request after writing who reads it, when and why to the audit log. */
  private async readPerson(auth: AuthUser, requestId: string, purpose: string): Promise<PersonDetails | null> {
    const [row] = await this.db.query(`SELECT person_encrypted AS blob FROM emergency_requests WHERE id = $1`, [requestId]);
    if (!row?.blob) return null;
    await this.audit.record({ actor: auth, action: 'person.read', subjectType: 'emergency_request', subjectId: requestId, detail: { purpose, role: auth.role } });
    return this.cipher.decryptJson<PersonDetails>(row.blob, personAad(requestId));
  }
}
