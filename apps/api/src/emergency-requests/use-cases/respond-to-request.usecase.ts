import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { InboxItem } from '@akiwa/contracts';
import { failingFilter, freshnessCutoffs } from '@akiwa/domain';
import type { AuthUser } from '../../common/auth/auth-user';
import { AppException } from '../../common/errors/app.exception';
import { pgError } from '../../common/errors/pg-error';
import { ENV, type ResolvedEnv } from '../../config/env';
import type { AcceptRequestDto, DeclineRequestDto } from '../emergency-request.dto';
import { Clock } from '../../common/time/clock';
import { OffersRepository } from '../offers.repository';
import { RequestErrors } from '../request-errors';
import { RequestMatcher } from '../request-matcher.service';
import { RequestNotifier } from '../request-notifier.service';
import { RequestQueries } from '../request-queries.service';
import { RequestTimeline } from '../request-timeline';
import { PersonalDataCipher } from '../../common/crypto/personal-data.cipher';
import { declineNoteAad } from '../request.sql';
import { RequestsRepository } from '../requests.repository';
import { RequestTexts, Things } from '../../common/errors/texts';

/**
 * A provider answers a request it was sent: accept with one of its matching units (holding a bed on
 * every night), decline with a reason, or withdraw an unconfirmed offer.
 */
@Injectable()
export class RespondToRequestUseCase {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly timeline: RequestTimeline,
    private readonly requests: RequestsRepository,
    private readonly offers: OffersRepository,
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
    const unit = await this.requests.offeredUnit(dto.unitId);
    if (!unit) throw AppException.notFound(Things.unit);
    if (unit.organisationId !== auth.organisationId) throw AppException.forbidden(RequestTexts.otherOrganisationUnit);
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

        await this.requests.deleteResponse(tx, requestId, auth.organisationId);
        const offerId = await this.offers.insert(tx, {
          requestId,
          organisationId: auth.organisationId,
          unitId: unit.unitId,
          expiresAt: new Date(this.clock.now().getTime() + this.env.OFFER_HOLD_MINUTES * 60_000),
          createdBy: auth.userId,
        });
        const hold = await this.offers.holdBeds(tx, offerId, unit.unitId, req.from, req.nights, req.gender, unknownBefore);
        if (!hold.nights) throw RequestErrors.capacityExceeded(hold.failedNight);
        const providerName = await this.requests.organisationName(tx, auth.organisationId);
        await this.timeline.add(tx, requestId, 'offer', auth.userId, { organisationName: providerName, unitName: unit.name });
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
      if (await this.offers.hasLive(tx, requestId, auth.organisationId)) throw RequestErrors.withdrawFirst();
      // the note can say why this person cannot come (their health): encrypted like the person
      const note = dto.note ? this.cipher.encrypt(dto.note, declineNoteAad(requestId, auth.organisationId)) : null;
      await this.requests.upsertDecline(tx, requestId, auth.organisationId, dto.reason, note, auth.userId);
      const organisationName = await this.requests.organisationName(tx, auth.organisationId);
      await this.timeline.addText(tx, requestId, 'declined', auth.userId, { organisationName, reason: dto.reason }, dto.note ?? '');
      // everyone told has declined and nobody holds a bed: no point waiting for the timer, widen now
      await this.requests.widenNowIfAllDeclined(tx, requestId, this.clock.now());
      await this.notifier.requestUpdated(tx, requestId);
      await this.notifier.inboxUpdated(tx, requestId, [auth.organisationId]);
    });
    return this.queries.inboxItem(auth, requestId);
  }

  /** Before confirmation only: the offer row's conditional update decides, then its beds are given back. */
  async withdraw(auth: AuthUser, offerId: string): Promise<InboxItem> {
    const { requestId } = await this.db.transaction(async (tx) => {
      const offer = await this.offers.withdrawHeld(tx, offerId, auth.organisationId);
      if (!offer) {
        const owner = await this.offers.organisationOf(tx, offerId);
        if (!owner || owner !== auth.organisationId) throw RequestErrors.offerNotFound();
        throw RequestErrors.offerNotHeld();
      }
      const released = await this.offers.releaseBeds(tx, [offerId]);
      await this.timeline.add(tx, offer.requestId, 'offer_withdrawn', auth.userId, { organisationName: await this.requests.organisationName(tx, auth.organisationId) });
      await this.notifier.vacanciesChanged(tx, released, 'release');
      await this.notifier.requestUpdated(tx, offer.requestId);
      await this.notifier.inboxUpdated(tx, offer.requestId, [auth.organisationId]);
      return { requestId: offer.requestId };
    });
    return this.queries.inboxItem(auth, requestId);
  }

  /** The units of the caller's organisation that matched; 404 when the request was not sent to it. */
  private async recipientUnits(auth: AuthUser, requestId: string): Promise<string[]> {
    const unitIds = await this.requests.recipientUnits(requestId, auth.organisationId);
    if (!unitIds) throw RequestErrors.notFound();
    return unitIds;
  }
}

function mapOfferError(e: unknown): never {
  const constraint = pgError(e)?.constraint;
  if (constraint === 'offers_one_live_per_organisation') throw RequestErrors.alreadyOffered();
  if (constraint === 'vacancies_held_check') throw RequestErrors.capacityExceeded('');
  throw e;
}
