import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type {
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
import { readAll } from '../database/sql';
import { declineNoteAad, flatExclusions, needsOf, personAad, situationAad, type RequestRow } from './request.sql';
import { RequestErrors } from './request-errors';
import { RequestsRepository, type InboxRow } from './requests.repository';
import { OffersRepository, type OfferViewRow } from './offers.repository';
import { RequestMatcher } from './request-matcher.service';
import { eventTextAad, TEXT_FIELD, timelineText } from './request-timeline';

/**
 * `read`: the free texts (situation, notes, decline notes) are decrypted — only for a caller who may
 * read them, and after the read is audited. `withheld`: they are left out (socket pushes, outbox rows).
 */
export type PersonalTexts = 'read' | 'withheld';

/** Why an offer ended: released offers were let go because another was confirmed or the request was cancelled. */
function closedReason(status: OfferStatus, requestStatus: RequestStatus): OfferClosedReason | null {
  if (status === 'expired') return 'expired';
  if (status === 'withdrawn') return 'withdrawn';
  if (status !== 'released') return null;
  return requestStatus === 'cancelled' ? 'cancelled' : 'placed_elsewhere';
}

const STATUS_RANK: Record<OfferStatus, number> = { confirmed: 0, held: 1, expired: 2, withdrawn: 2, released: 2 };

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
    private readonly requests: RequestsRepository,
    private readonly offerRows: OffersRepository,
    private readonly matcher: RequestMatcher,
    private readonly cipher: PersonalDataCipher,
    private readonly audit: AuditLog,
  ) {}

  async load(id: string, db: DataSource | EntityManager = this.db, lock: '' | 'FOR NO KEY UPDATE' | 'FOR SHARE' = ''): Promise<RequestRow | null> {
    return this.requests.load(id, db, lock);
  }

  /** A request of the caller's organisation (coordinators), or 404 / 403. */
  async own(auth: AuthUser, id: string, db: DataSource | EntityManager = this.db, lock: '' | 'FOR NO KEY UPDATE' = ''): Promise<RequestRow> {
    const row = await this.load(id, db, lock);
    if (!row) throw RequestErrors.notFound();
    if (row.organisationId !== auth.organisationId) throw RequestErrors.otherOrganisation();
    return row;
  }

  async list(auth: AuthUser, q: { limit: number; offset: number; status?: RequestStatus }): Promise<Page<EmergencyRequestSummary>> {
    const rows = await this.requests.listOf(auth.organisationId, q);
    let total = rows.length ? Number(rows[0].total) : 0;
    if (!rows.length && q.offset > 0) {
      total = await this.requests.countOf(auth.organisationId, q.status);
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
    const notes = await this.requests.notesCount(id);
    await this.audit.record({ actor: auth, action: 'request.texts.read', subjectType: 'emergency_request', subjectId: id, detail: { purpose: 'request.view', situation: true, notes } });
    return this.view(row, person, this.db, 'read');
  }

  /**
   * The full view of a request; `person` is given by the caller (null in socket pushes). The free
   * texts are decrypted only with `texts = 'read'`, which only `detail` passes, after auditing.
   */
  async view(row: RequestRow, person: PersonDetails | null, db: DataSource | EntityManager = this.db, texts: PersonalTexts = 'withheld'): Promise<EmergencyRequestView> {
    const [offers, timeline, recipients, grantedDays] = await readAll(db, [
      () => this.offerViews(this.offerRows.viewsOfRequest(row.id, db)),
      () => this.timeline(row.id, db, texts),
      () => this.recipients(row.id, db),
      () => this.grantedDays(row, db),
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
    const granted = await this.requests.grantedDays(row.id, db);
    if (!granted) return null;
    const placed = await this.requests.otherPlacements(granted.personId, row.id, db);
    return grantedDaysStatus(granted, placed, { from: row.from, nights: row.nights });
  }

  async viewById(id: string, db: DataSource | EntityManager = this.db): Promise<EmergencyRequestView | null> {
    const row = await this.load(id, db);
    return row ? this.view(row, null, db) : null;
  }

  /** Offers ranked: the placement and live holds first, then the contracted provider, then nearness. */
  private async offerViews(read: Promise<OfferViewRow[]>): Promise<OfferView[]> {
    const rows = await read;
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
    const rows = await this.requests.recipients(requestId, db);
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
    const rows = await this.requests.timeline(requestId, db);
    return rows.map((r) => {
      const field = TEXT_FIELD[r.kind];
      const withheld = Boolean(r.textEncrypted) && texts === 'withheld';
      const data = field && r.textEncrypted && !withheld ? { ...r.data, [field]: this.cipher.decrypt(r.textEncrypted, eventTextAad(r.id)) } : r.data;
      return { id: r.id, at: r.at.toISOString(), kind: r.kind, ...(r.actor ? { actor: r.actor } : {}), text: timelineText(r.kind, data), ...(withheld ? { withheld: true as const } : {}) };
    });
  }

  // ---- provider inbox ----

  async inbox(auth: AuthUser, q: { limit: number; offset: number }): Promise<Page<InboxItem>> {
    const [rows, total] = await Promise.all([this.requests.inboxPage(auth.organisationId, q), this.requests.inboxCount(auth.organisationId)]);
    return { items: await this.toInboxItems(rows, this.db, auth), total, limit: q.limit, offset: q.offset };
  }

  /** One inbox item: 404 unless the caller's organisation was sent the request. The placed provider also gets the person (audited). */
  async inboxItem(auth: AuthUser, requestId: string): Promise<InboxItem> {
    const rows = await this.requests.inboxOf(requestId, auth.organisationId);
    if (!rows.length) throw RequestErrors.notFound();
    const [item] = await this.toInboxItems(rows, this.db, auth);
    if (rows[0].confirmedOrganisationId === auth.organisationId && !(await this.consentWithdrawn(requestId, auth.organisationId))) {
      item.person = await this.readPerson(auth, requestId, 'inbox.view');
    }
    return item;
  }

  /** Items of every recipient (or the given ones) of a request, for socket pushes: never with the person. */
  async inboxItemsForRequest(requestId: string, organisationIds?: string[], db: DataSource | EntityManager = this.db): Promise<{ organisationId: string; item: InboxItem }[]> {
    const rows = await this.requests.inboxOfRecipients(requestId, organisationIds ?? null, db);
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
    const offers = new Map((offerIds.length ? await this.offerViews(this.offerRows.views(offerIds, db)) : []).map((o) => [o.id, o]));
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
    return this.requests.consentWithdrawn(requestId, organisationId);
  }

  /** Decrypts the person of a request after writing who reads it, when and why to the audit log. */
  private async readPerson(auth: AuthUser, requestId: string, purpose: string): Promise<PersonDetails | null> {
    const blob = await this.requests.personBlob(requestId);
    if (!blob) return null;
    await this.audit.record({ actor: auth, action: 'person.read', subjectType: 'emergency_request', subjectId: requestId, detail: { purpose, role: auth.role } });
    return this.cipher.decryptJson<PersonDetails>(blob, personAad(requestId));
  }
}
