import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { EscalationStep } from '@akiwa/contracts';
import { requestAlertText, serviceNight } from '@akiwa/domain';
import { Clock } from '../common/time/clock';
import { ENV, type ResolvedEnv } from '../config/env';
import { RequestNotifier } from '../emergency-requests/request-notifier.service';
import { addTimeline } from '../emergency-requests/request-timeline';
import { RotaService } from '../oncall/rota.service';
import { AlertDelivery } from './alert-delivery.service';
import { EscalationsRepository, type EscalationRow, type Notified } from './escalations.repository';

const PREFIX: Record<EscalationStep, string> = {
  unseen: '【未確認】',
  no_offer_centre: '【申し出なし】',
  no_offer_region: '【圏域当番・申し出なし】',
  unplaced_centre: '【受入先なし】',
  unplaced_region: '【圏域当番・受入先なし】',
};

/**
 * Escalation (issue 12): a matched provider that has not acknowledged in time → its staff, each one;
 * no offer in time or unplaced → the posting centre's on-call coordinator, then the region's. Timers
 * are rows (armed from the request's own timestamps, so nothing is lost across a restart) and each is
 * claimed with FOR UPDATE SKIP LOCKED: exactly one instance fires it, once. A timer whose reason
 * went away (seen, answered, offered, placed) is cancelled, not sent.
 */
@Injectable()
export class EscalationPoller implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Escalations');
  private timer?: NodeJS.Timeout;
  private running: Promise<void> | null = null;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly escalations: EscalationsRepository,
    private readonly rotas: RotaService,
    private readonly notifier: RequestNotifier,
    private readonly delivery: AlertDelivery,
    private readonly clock: Clock,
    @Inject(ENV) private readonly env: ResolvedEnv,
  ) {}

  onApplicationBootstrap() {
    this.timer = setInterval(() => void this.tick(), this.env.EMERGENCY_POLL_INTERVAL_MS);
    this.timer.unref();
  }

  async onModuleDestroy() {
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass (overlapping calls share it). Public so tests can drive it. */
  tick(): Promise<void> {
    this.running ??= (async () => {
      try {
        const now = this.clock.now();
        await this.escalations.arm(now, this.env.ESCALATION_UNSEEN_MINUTES, this.env.ESCALATION_NO_OFFER_MINUTES);
        for (let i = 0; i < 100 && (await this.fireOne(now)); i++);
      } catch (err) {
        this.logger.error({ err }, 'escalation poll failed');
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  /** Claims and fires (or cancels) one due timer; false when none is due. */
  private async fireOne(now: Date): Promise<boolean> {
    const result = await this.db.transaction(async (tx) => {
      const x = await this.escalations.claimDue(tx, now);
      if (!x) return null;
      if (!(await this.escalations.stillDue(tx, x))) {
        await this.escalations.finish(tx, x.id, 'cancelled', now, []);
        return { x, sent: [] };
      }
      const people = await this.recipients(x, now);
      const summary = requestAlertText(await this.escalations.alertInput(tx, x.requestId), serviceNight(now));
      const posting = x.step === 'unseen' ? '' : `${await this.escalations.organisationName(tx, x.postingOrganisationId)}：`;
      const url = x.step === 'unseen' ? `/provider/requests#request-${x.requestId}` : x.step.endsWith('_centre') ? `/coordinator/requests/${x.requestId}` : '/coordinator';
      const sent = await this.escalations.addNotifications(
        tx,
        people.map((p) => ({ userId: p.userId, kind: 'escalation' as const, requestId: x.requestId, escalationId: x.id, text: `${PREFIX[x.step]}${posting}${summary}`, url })),
        now,
      );
      await this.delivery.inApp(tx, sent);
      await this.escalations.finish(tx, x.id, 'fired', now, people);
      await addTimeline(tx, x.requestId, 'escalated', null, {
        step: x.step,
        names: people.map((p) => p.name),
        organisationName: await this.escalations.organisationName(tx, x.organisationId),
      });
      await this.notifier.requestUpdated(tx, x.requestId);
      return { x, sent };
    });
    if (!result) return false;
    // after commit: Web Push from the same rows (in-app went through the outbox with the commit)
    await this.delivery.deliver(result.sent);
    return true;
  }

  /** The provider's staff; or the on-call coordinator (centre, or region), the centre's coordinators when its rota names nobody. */
  private async recipients(x: EscalationRow, now: Date): Promise<Notified[]> {
    if (x.step === 'unseen') return this.escalations.providerStaff(this.db.manager, x.organisationId);
    if (x.step.endsWith('_centre')) {
      const held = await this.rotas.holderNow({ kind: 'organisation', id: x.postingOrganisationId }, now);
      return held ? [{ userId: held.userId, name: held.name }] : this.escalations.coordinators(this.db.manager, x.postingOrganisationId);
    }
    const region = await this.rotas.regionOf(x.postingOrganisationId);
    const held = region ? await this.rotas.holderNow({ kind: 'region', id: region }, now) : null;
    return held ? [{ userId: held.userId, name: held.name }] : [];
  }
}
