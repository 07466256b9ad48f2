import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { EscalationStep } from '@akiwa/contracts';
import { Clock } from '../common/time/clock';
import { ENV, type ResolvedEnv } from '../config/env';
import { SerialPasses } from '../database/serial-passes';
import { returning } from '../database/sql';
import { RequestNotifier } from '../emergency-requests/request-notifier.service';
import { RequestTimeline } from '../emergency-requests/request-timeline';
import { RotaService } from '../oncall/rota.service';
import { PersonAlerts } from '../person-alerts/person-alerts.service';
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
  private readonly passes = new SerialPasses(
    () => this.pass(),
    (err) => {
      if (err) this.logger.error({ err }, 'escalation poll failed');
    },
  );

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly timeline: RequestTimeline,
    private readonly escalations: EscalationsRepository,
    private readonly rotas: RotaService,
    private readonly notifier: RequestNotifier,
    private readonly alerts: PersonAlerts,
    private readonly clock: Clock,
    @Inject(ENV) private readonly env: ResolvedEnv,
  ) {}

  onApplicationBootstrap() {
    this.timer = setInterval(() => void this.tick(), this.env.EMERGENCY_POLL_INTERVAL_MS);
    this.timer.unref();
  }

  async onModuleDestroy() {
    clearInterval(this.timer);
    await this.passes.stop();
  }

  /** Runs a pass now, or once more after the one in progress (which may have read the clock before the call). Public so tests can drive it. */
  tick(): Promise<void> {
    return this.passes.wake();
  }

  private async pass() {
    const now = this.clock.now();
    await this.escalations.arm(now, this.env.ESCALATION_UNSEEN_MINUTES, this.env.ESCALATION_NO_OFFER_MINUTES);
    for (let i = 0; i < 100 && (await this.fireOne(now)); i++);
    await this.warnExpiringHolds(now);
  }

  /** Claims and fires (or cancels) one due timer; false when none is due. The alerts are written in the same transaction (outbox). */
  private async fireOne(now: Date): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const x = await this.escalations.claimDue(tx, now);
      if (!x) return false;
      if (!(await this.escalations.stillDue(tx, x))) {
        await this.escalations.finish(tx, x.id, 'cancelled', now, []);
        return true;
      }
      const people = await this.recipients(x, now);
      const summary = await this.alerts.requestSummary(tx, x.requestId, now);
      const posting = x.step === 'unseen' ? '' : `${await this.escalations.organisationName(tx, x.postingOrganisationId)}：`;
      const url = x.step === 'unseen' ? `/provider/requests#request-${x.requestId}` : x.step.endsWith('_centre') ? `/coordinator/requests/${x.requestId}` : '/coordinator';
      await this.alerts.add(
        tx,
        people.map((p) => ({ userId: p.userId, kind: 'escalation' as const, requestId: x.requestId, escalationId: x.id, text: `${PREFIX[x.step]}${posting}${summary}`, url })),
        now,
      );
      await this.escalations.finish(tx, x.id, 'fired', now, people);
      await this.timeline.add(tx, x.requestId, 'escalated', null, {
        step: x.step,
        names: people.map((p) => p.name),
        organisationName: await this.escalations.organisationName(tx, x.organisationId),
      });
      await this.notifier.requestUpdated(tx, x.requestId);
      return true;
    });
  }

  /**
   * An offer's hold lapses unless the poster confirms it: HOLD_EXPIRY_WARNING_MINUTES before, the
   * poster is alerted, once per offer (claimed with SKIP LOCKED, marked in the same transaction).
   */
  private async warnExpiringHolds(now: Date): Promise<void> {
    const lead = this.env.HOLD_EXPIRY_WARNING_MINUTES;
    for (let i = 0; i < 10; i++) {
      const n = await this.db.transaction(async (tx) => {
        const due = await returning<{ requestId: string; providerName: string; expiresAt: Date }>(
          tx,
          `UPDATE offers o SET expiry_warned_at = $1
           FROM (SELECT id FROM offers WHERE status = 'held' AND expiry_warned_at IS NULL AND expires_at > $1 AND expires_at <= $1::timestamptz + make_interval(secs => $2::float8 * 60)
                 ORDER BY expires_at LIMIT 50 FOR NO KEY UPDATE SKIP LOCKED) d, organisations org
           WHERE o.id = d.id AND org.id = o.organisation_id
           RETURNING o.request_id AS "requestId", org.name AS "providerName", o.expires_at AS "expiresAt"`,
          [now, lead],
        );
        for (const o of due) await this.notifier.holdExpiring(tx, o.requestId, o.providerName, Math.max(1, Math.ceil((o.expiresAt.getTime() - now.getTime()) / 60_000)));
        return due.length;
      });
      if (n < 50) return;
    }
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
