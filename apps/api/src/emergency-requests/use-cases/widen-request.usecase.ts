import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { EmergencyRequestView, MatchScope } from '@akiwa/contracts';
import { arrivesAtNight, nextScope } from '@akiwa/domain';
import type { AuthUser } from '../../common/auth/auth-user';
import { Clock } from '../../common/time/clock';
import { flatExclusions } from '../request.sql';
import { OffersRepository } from '../offers.repository';
import { RequestsRepository, type ToldRow } from '../requests.repository';
import { AreaDirectory } from '../../areas/area-directory.service';
import { RequestErrors } from '../request-errors';
import { RequestMatcher } from '../request-matcher.service';
import { RequestNotifier } from '../request-notifier.service';
import { RequestQueries } from '../request-queries.service';
import { RequestTimeline } from '../request-timeline';
import { planWidening } from '../widening-plan';
import { RegionWindowsService } from '../../region-windows/region-windows.service';

/** How long a poller's claim on a due request lasts: if the instance dies mid-way, another takes it after this. */
const CLAIM_LEASE_SECONDS = 60;

/**
 * Seed 000 ⑥: when nobody has accepted in time, reach further — region, then prefecture — telling
 * only providers not told before; past the prefecture the request is unplaced and its coordinators
 * are told why (the exclusions). Matching runs outside any transaction; the result is applied only
 * if the request is still open at the scope it was computed from (the row is locked to check).
 */
@Injectable()
export class WidenRequestUseCase {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly timeline: RequestTimeline,
    private readonly requests: RequestsRepository,
    private readonly offers: OffersRepository,
    private readonly matcher: RequestMatcher,
    private readonly queries: RequestQueries,
    private readonly notifier: RequestNotifier,
    private readonly clock: Clock,
    private readonly areas: AreaDirectory,
    private readonly windows: RegionWindowsService,
  ) {}

  /** `POST …/widen`: the coordinator does not wait for the timer. */
  async widenNow(auth: AuthUser, requestId: string): Promise<EmergencyRequestView> {
    const req = await this.queries.own(auth, requestId);
    if (req.status !== 'open') throw RequestErrors.notOpen(req.status);
    if (!nextScope(req.scope)) throw RequestErrors.widestScope();
    const applied = await this.widen(requestId, req.scope, auth.userId);
    if (!applied) throw RequestErrors.notOpen('changed');
    return this.queries.detail(auth, requestId);
  }

  /**
   * The poller: claims due requests one at a time with FOR UPDATE SKIP LOCKED (several API instances
   * never take the same one) and a short lease. A request with a live hold is not widened — its
   * timer moves to when the last hold lapses, so the offer gets its chance first.
   */
  async widenDue(max = 50): Promise<number> {
    let done = 0;
    for (; done < max; done++) {
      const claimed = await this.db.transaction(async (tx) => {
        const due = await this.requests.claimDue(tx, this.clock.now());
        if (!due) return null;
        const until = await this.offers.heldUntil(tx, due.id);
        await this.requests.postponeWidening(tx, due.id, until, new Date(this.clock.now().getTime() + CLAIM_LEASE_SECONDS * 1000));
        return until ? { postponed: true as const } : { ...due, postponed: false as const };
      });
      if (!claimed) break;
      if (!claimed.postponed) await this.widen(claimed.id, claimed.scope, null);
    }
    return done;
  }

  /** Widens from `fromScope` (or declares unplaced); false when the request changed meanwhile. */
  private async widen(requestId: string, fromScope: MatchScope, actorId: string | null): Promise<boolean> {
    const req = await this.queries.load(requestId);
    if (!req || req.status !== 'open' || req.scope !== fromScope) return false;
    const wider = nextScope(fromScope);
    const told = new Set<string>(await this.requests.toldOrganisations(requestId));
    const now = this.clock.now();
    const atNight = arrivesAtNight(now, req.from, await this.areas.nightCutoff(req.municipalityCode));
    const input = { needs: req, municipalityCode: req.municipalityCode, from: req.from, nights: req.nights, contractedOrganisationId: req.contractedOrganisationId, atNight };
    const plan = wider ? await planWidening(this.matcher, input, wider, told, null, now) : null;

    const result = await this.db.transaction(async (tx) => {
      const done = await (async () => {
        const locked = await this.queries.load(requestId, tx, 'FOR NO KEY UPDATE');
        if (!locked || locked.status !== 'open' || locked.scope !== fromScope) return null;
        const holds = await this.offers.heldCount(tx, requestId);
        const exclusions = { ...locked.exclusions, ...(plan?.exclusions ?? {}) };
        const none: ToldRow[] = [];
        if (!plan || plan.exhausted) {
          const scope = plan?.scope ?? fromScope;
          for (const step of plan?.steps ?? []) await this.timeline.add(tx, requestId, 'widened', actorId, step);
          // nobody new anywhere: never unplaced while a provider told has not answered within its
          // window, nor while someone holds a bed (its offer deserves an answer) — wait for them
          const until = await this.requests.awaitedUntil(tx, requestId, now);
          if (until || holds) {
            await this.requests.setScope(tx, requestId, scope, until ?? now, exclusions);
            if (until && (scope !== fromScope || actorId)) await this.timeline.add(tx, requestId, 'waiting', actorId, { until: until.toISOString() });
            return { unplaced: false, told: none, exclusions };
          }
          await this.requests.markUnplaced(tx, requestId, scope, exclusions);
          await this.timeline.add(tx, requestId, 'unplaced', null);
          return { unplaced: true, told: none, exclusions };
        }
        const windows = await this.windows.forMunicipality(req.municipalityCode, tx);
        const widensAt = new Date(now.getTime() + windows.widenMinutes * 60_000);
        await this.requests.setScope(tx, requestId, plan.scope, widensAt, exclusions);
        const toldNow = await this.requests.upsertRecipients(tx, requestId, plan.scope, plan.recipients, now, new Date(now.getTime() + windows.answerMinutes * 60_000));
        for (const step of plan.steps) await this.timeline.add(tx, requestId, 'widened', actorId, await this.timeline.waveData(tx, step, req.contractedOrganisationId));
        return { unplaced: false, told: toldNow.filter((t) => t.inserted), exclusions };
      })();
      // the events, in the same transaction
      if (done) {
        const received = done.told.length ? await this.queries.inboxItemsForRequest(requestId, done.told.map((t) => t.organisationId), tx) : [];
        if (received.length) await this.notifier.received(tx, received);
        if (done.unplaced) {
          await this.notifier.unplaced(tx, requestId, req.organisationId, flatExclusions(done.exclusions));
          await this.notifier.inboxUpdated(tx, requestId);
        }
        await this.notifier.requestUpdated(tx, requestId);
      }
      return done;
    });
    return result !== null;
  }
}
