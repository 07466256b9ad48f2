import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { InboxItem } from '@akiwa/contracts';
import { failingFilter, freshnessCutoffs, type CandidateUnit } from '@akiwa/domain';
import type { AuthUser } from '../../common/auth/auth-user';
import { AppException } from '../../common/errors/app.exception';
import { pgError } from '../../common/errors/pg-error';
import { ENV, type ResolvedEnv } from '../../config/env';
import type { AcceptRequestDto, DeclineRequestDto } from '../emergency-request.dto';
import { Clock } from '../../common/time/clock';
import { returning } from '../../database/sql';
import { holdBeds, releaseBeds } from '../holds.sql';
import { RequestErrors } from '../request-errors';
import { RequestMatcher } from '../request-matcher.service';
import { RequestNotifier } from '../request-notifier.service';
import { RequestQueries } from '../request-queries.service';
import { addTimeline, addTimelineText } from '../request-timeline';
import { PersonalDataCipher } from '../../common/crypto/personal-data.cipher';
import { declineNoteAad } from '../request.sql';

type UnitRow = Omit<CandidateUnit, 'place' | 'vacancies'> & { name: string; municipalityCode: string; retired: boolean };

/**
 * A provider answers a request it was sent: accept with one of its matching units (holding a bed on
 * every night), decline with a reason, or withdraw an unconfirmed offer.
 */
@Injectable()
export class RespondToRequestUseCase {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly matcher: RequestMatcher,
    private readonly notifier: RequestNotifier,
    private readonly queries: RequestQueries,
    private readonly clock: Clock,
    private readonly cipher: PersonalDataCipher,
    @Inject(ENV) private readonly env: ResolvedEnv,
  ) {}

  /**
   * One transaction: the request row is read FOR SHARE (a concurrent confirm or cancel, which lock it
   * FOR NO KEY UPDATE, either sees this offer or makes this accept see the request closed), the offer row is
   * inserted (the partial unique index refuses a second live offer of the organisation), then a bed is
   * held on every night by conditional UPDATEs. Any night without a bed rolls everything back: 409.
   */
  async accept(auth: AuthUser, requestId: string, dto: AcceptRequestDto): Promise<InboxItem> {
    const unitIds = await this.recipientUnits(auth, requestId);
    const [unit]: UnitRow[] = await this.db.query(
      `SELECT u.id AS "unitId", u.organisation_id AS "organisationId", u.name, u.municipality_code AS "municipalityCode", u.categories,
              u.accepts_children AS "acceptsChildren", u.support_level_min AS "supportLevelMin", u.support_level_max AS "supportLevelMax",
              u.special_needs AS "specialNeeds", u.room_gender AS "roomGender", u.emergency_ok AS "emergencyOk",
              u.admissions_paused_until AS "admissionsPausedUntil", u.retired_at IS NOT NULL AS retired
       FROM units u WHERE u.id = $1`,
      [dto.unitId],
    );
    if (!unit) throw AppException.notFound({ ja: 'ユニット', en: 'Unit' });
    if (unit.organisationId !== auth.organisationId) throw AppException.forbidden('This unit belongs to another organisation', '他の組織のユニットです');
    if (!unitIds.includes(unit.unitId) || unit.retired) throw RequestErrors.unitNotMatching();

    const { unknownBefore } = freshnessCutoffs(this.clock.now(), this.matcher.policy);
    await this.db
      .transaction(async (tx) => {
        const req = await this.queries.load(requestId, tx, 'FOR SHARE');
        if (!req) throw RequestErrors.notFound();
        if (req.status !== 'open') throw RequestErrors.notOpen(req.status);
        // the unit may have changed since matching (emergency acceptance switched off, categories edited)
        const place = (await this.matcher.place(unit.municipalityCode))!;
        const home = (await this.matcher.place(req.municipalityCode))!;
        const { name: _n, municipalityCode: _m, retired: _r, ...u } = unit;
        const failed = failingFilter({ ...u, place, vacancies: [] }, { needs: req, home, from: req.from, nights: req.nights, scope: 'prefecture', now: this.clock.now() });
        if (failed) throw RequestErrors.unitNotMatching();

        await tx.query(`DELETE FROM request_responses WHERE request_id = $1 AND organisation_id = $2`, [requestId, auth.organisationId]);
        const [offer]: { id: string }[] = await tx.query(
          `INSERT INTO offers(request_id, organisation_id, unit_id, expires_at, created_by)
           VALUES ($1, $2, $3, $4, $5) RETURNING id`,
          [requestId, auth.organisationId, unit.unitId, new Date(this.clock.now().getTime() + this.env.OFFER_HOLD_MINUTES * 60_000), auth.userId],
        );
        const hold = await holdBeds(tx, offer.id, unit.unitId, req.from, req.nights, req.gender, unknownBefore);
        if (!hold.nights) throw RequestErrors.capacityExceeded(hold.failedNight);
        const providerName = await orgName(tx, auth.organisationId);
        await addTimeline(tx, requestId, 'offer', auth.userId, { organisationName: providerName, unitName: unit.name });
        await this.notifier.offerArrived(tx, requestId, providerName);
        await this.notifier.vacanciesChanged(tx, new Map([[unit.unitId, hold.nights]]), 'hold');
        await this.notifier.requestUpdated(tx, requestId);
        await this.notifier.inboxUpdated(tx, requestId, [auth.organisationId]);
      })
      .catch(mapOfferError);
    return this.queries.inboxItem(auth, requestId);
  }

  async decline(auth: AuthUser, requestId: string, dto: DeclineRequestDto): Promise<InboxItem> {
    await this.recipientUnits(auth, requestId);
    await this.db.transaction(async (tx) => {
      // FOR NO KEY UPDATE, not FOR SHARE: the answer may mark the request due to widen (an UPDATE of
      // this row), and two answers holding FOR SHARE that both upgrade deadlock (seen: 3 of 4 refused)
      const req = await this.queries.load(requestId, tx, 'FOR NO KEY UPDATE');
      if (!req || req.status !== 'open') throw RequestErrors.notOpen(req?.status ?? 'unknown');
      const [live] = await tx.query(`SELECT 1 FROM offers WHERE request_id = $1 AND organisation_id = $2 AND status IN ('held','confirmed')`, [
        requestId,
        auth.organisationId,
      ]);
      if (live) throw RequestErrors.withdrawFirst();
      // the note can say why this person cannot come (their health): encrypted like the person
      const note = dto.note ? this.cipher.encrypt(dto.note, declineNoteAad(requestId, auth.organisationId)) : null;
      await tx.query(
        `INSERT INTO request_responses(request_id, organisation_id, reason, note_encrypted, responded_by) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (request_id, organisation_id) DO UPDATE SET reason = EXCLUDED.reason, note_encrypted = EXCLUDED.note_encrypted, responded_by = EXCLUDED.responded_by, at = now()`,
        [requestId, auth.organisationId, dto.reason, note, auth.userId],
      );
      await addTimelineText(tx, this.cipher, requestId, 'declined', auth.userId, { organisationName: await orgName(tx, auth.organisationId), reason: dto.reason }, dto.note ?? '');
      // everyone told has declined and nobody holds a bed: no point waiting for the timer, widen now
      await tx.query(
        `UPDATE emergency_requests e SET widens_at = $2 WHERE e.id = $1 AND e.status = 'open'
           AND NOT EXISTS (SELECT 1 FROM request_recipients r WHERE r.request_id = e.id
                           AND NOT EXISTS (SELECT 1 FROM request_responses d WHERE d.request_id = r.request_id AND d.organisation_id = r.organisation_id))
           AND NOT EXISTS (SELECT 1 FROM offers o WHERE o.request_id = e.id AND o.status = 'held')`,
        [requestId, this.clock.now()],
      );
      await this.notifier.requestUpdated(tx, requestId);
      await this.notifier.inboxUpdated(tx, requestId, [auth.organisationId]);
    });
    return this.queries.inboxItem(auth, requestId);
  }

  /** Before confirmation only: the offer row's conditional update decides, then its beds are given back. */
  async withdraw(auth: AuthUser, offerId: string): Promise<InboxItem> {
    const { requestId } = await this.db.transaction(async (tx) => {
      const [offer] = await returning<{ requestId: string }>(
        tx,
        `UPDATE offers SET status = 'withdrawn', closed_at = now() WHERE id = $1 AND organisation_id = $2 AND status = 'held' RETURNING request_id AS "requestId"`,
        [offerId, auth.organisationId],
      );
      if (!offer) {
        const [o] = await tx.query(`SELECT organisation_id AS "organisationId" FROM offers WHERE id = $1`, [offerId]);
        if (!o || o.organisationId !== auth.organisationId) throw RequestErrors.offerNotFound();
        throw RequestErrors.offerNotHeld();
      }
      const released = await releaseBeds(tx, [offerId]);
      await addTimeline(tx, offer.requestId, 'offer_withdrawn', auth.userId, { organisationName: await orgName(tx, auth.organisationId) });
      await this.notifier.vacanciesChanged(tx, released, 'release');
      await this.notifier.requestUpdated(tx, offer.requestId);
      await this.notifier.inboxUpdated(tx, offer.requestId, [auth.organisationId]);
      return { requestId: offer.requestId };
    });
    return this.queries.inboxItem(auth, requestId);
  }

  /** The units of the caller's organisation that matched; 404 when the request was not sent to it. */
  private async recipientUnits(auth: AuthUser, requestId: string): Promise<string[]> {
    const [r] = await this.db.query(`SELECT unit_ids::text[] AS "unitIds" FROM request_recipients WHERE request_id = $1 AND organisation_id = $2`, [requestId, auth.organisationId]);
    if (!r) throw RequestErrors.notFound();
    return r.unitIds;
  }
}

export async function orgName(tx: EntityManager, id: string): Promise<string> {
  const [o] = await tx.query(`SELECT name FROM organisations WHERE id = $1`, [id]);
  return o?.name ?? '';
}

function mapOfferError(e: unknown): never {
  const constraint = pgError(e)?.constraint;
  if (constraint === 'offers_one_live_per_organisation') throw RequestErrors.alreadyOffered();
  if (constraint === 'vacancies_held_check') throw RequestErrors.capacityExceeded('');
  throw e;
}
