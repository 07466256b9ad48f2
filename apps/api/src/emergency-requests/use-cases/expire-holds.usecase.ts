import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { VacancyNight } from '@akiwa/contracts';
import { Clock } from '../../common/time/clock';
import { OffersRepository } from '../offers.repository';
import { RequestNotifier } from '../request-notifier.service';
import { RequestTimeline } from '../request-timeline';

const BATCH = 100;

/**
 * Holds release themselves: offers still held past `expires_at` become expired and give back their
 * beds. Claimed with FOR UPDATE SKIP LOCKED, so several API instances share the work, and a confirm
 * racing an expiry is decided on the offer row (confirm requires expires_at > the clock's now).
 */
@Injectable()
export class ExpireHoldsUseCase {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly timeline: RequestTimeline,
    private readonly offersRepo: OffersRepository,
    private readonly notifier: RequestNotifier,
    private readonly clock: Clock,
  ) {}

  async expireDue(): Promise<number> {
    let total = 0;
    for (;;) {
      const { offers } = await this.db.transaction(async (tx) => {
        const offers = await this.offersRepo.expireDue(tx, this.clock.now(), BATCH);
        const released = await this.offersRepo.releaseBeds(
          tx,
          offers.map((o) => o.id),
        );
        for (const o of offers) await this.timeline.add(tx, o.requestId, 'offer_expired', null, { organisationName: o.organisationName });
        await this.announce(tx, offers, released);
        return { offers };
      });
      total += offers.length;
      if (offers.length < BATCH) return total;
    }
  }

  private async announce(tx: EntityManager, offers: { requestId: string; organisationId: string }[], released: Map<string, VacancyNight[]>) {
    await this.notifier.vacanciesChanged(tx, released, 'release');
    const byRequest = new Map<string, string[]>();
    for (const o of offers) byRequest.set(o.requestId, [...(byRequest.get(o.requestId) ?? []), o.organisationId]);
    for (const [requestId, orgs] of byRequest) {
      await this.notifier.requestUpdated(tx, requestId);
      await this.notifier.inboxUpdated(tx, requestId, orgs);
    }
  }
}
