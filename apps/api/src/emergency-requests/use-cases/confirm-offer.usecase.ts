import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { EmergencyRequestView } from '@akiwa/contracts';
import type { AuthUser } from '../../common/auth/auth-user';
import { pgError } from '../../common/errors/pg-error';
import { Clock } from '../../common/time/clock';
import { AuditLog } from '../../audit/audit-log.service';
import type { ConfirmOfferDto } from '../emergency-request.dto';
import { OffersRepository } from '../offers.repository';
import { RequestErrors } from '../request-errors';
import { RequestNotifier } from '../request-notifier.service';
import { RequestQueries } from '../request-queries.service';
import { RequestTimeline } from '../request-timeline';
import { RequestsRepository } from '../requests.repository';

/**
 * The placement (seed 000 ⑧). One transaction: the request row is locked FOR NO KEY UPDATE (so
 * accepts, cancels and other confirms of this request wait; unlike FOR UPDATE it does not block the
 * key-share locks that foreign keys from timeline rows take, which would deadlock with a withdrawal), the offer moves held → confirmed only if it is
 * still held and unexpired (a conditional UPDATE, racing the expiry poller on the offer row), the
 * request becomes placed, and every other live hold is released. The partial unique index
 * `offers_one_confirmed_per_request` would refuse a second placement even if this logic were wrong.
 * The confirmed offer keeps its beds held: they are now the placement.
 */
@Injectable()
export class ConfirmOfferUseCase {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly timeline: RequestTimeline,
    private readonly requests: RequestsRepository,
    private readonly offers: OffersRepository,
    private readonly queries: RequestQueries,
    private readonly notifier: RequestNotifier,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(auth: AuthUser, requestId: string, dto: ConfirmOfferDto): Promise<EmergencyRequestView> {
    await this.db
      .transaction(async (tx) => {
        const req = await this.queries.own(auth, requestId, tx, 'FOR NO KEY UPDATE');
        if (req.status === 'placed') throw RequestErrors.alreadyPlaced();
        if (req.status !== 'open') throw RequestErrors.notOpen(req.status);
        const offer = await this.offers.confirmHeld(tx, requestId, dto.offerId, this.clock.now());
        if (!offer) {
          const exists = await this.offers.existsOnRequest(tx, dto.offerId, requestId);
          throw exists ? RequestErrors.offerNotHeld() : RequestErrors.offerNotFound();
        }
        await this.requests.markPlaced(tx, requestId);
        const others = await this.offers.releaseHeldOf(tx, requestId);
        const released = await this.offers.releaseBeds(tx, others);
        await this.timeline.add(tx, requestId, 'confirmed', auth.userId, { organisationName: await this.requests.organisationName(tx, offer.organisationId), unitName: offer.unitName, released: others.length });
        // ⑧: from now on this provider may read the person's details; the grant itself is logged
        await this.audit.record(
          { actor: auth, action: 'person.share', subjectType: 'emergency_request', subjectId: requestId, detail: { toOrganisationId: offer.organisationId, offerId: dto.offerId } },
          tx,
        );
        await this.notifier.vacanciesChanged(tx, released, 'release');
        await this.notifier.requestUpdated(tx, requestId);
        await this.notifier.inboxUpdated(tx, requestId);
        return released;
      })
      .catch((e) => {
        if (pgError(e)?.constraint === 'offers_one_confirmed_per_request') throw RequestErrors.alreadyPlaced();
        throw e;
      });

    return this.queries.detail(auth, requestId);
  }
}
