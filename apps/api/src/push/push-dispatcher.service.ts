import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { AlertNotification } from '@akiwa/contracts';
import { requestAlertText, serviceNight } from '@akiwa/domain';
import { Clock } from '../common/time/clock';
import { ENV, type ResolvedEnv } from '../config/env';
import { SerialPasses } from '../database/serial-passes';
import { OutboxListener } from '../events/outbox-listener';
import { Lifecycle } from '../lifecycle/lifecycle.service';
import { type OutboxPush, PushDispatchRepository } from './push-dispatch.repository';
import { PUSH_TTL_SECONDS, PushSender, type PushMessage } from './push-sender.service';
import { PushSubscriptionsRepository, type PushTarget } from './push-subscriptions.repository';

/** The outbox events that become Web Push, and how many are read per pass. */
const PUSHED_EVENTS = ['request:received', 'alert:notification'];
const BATCH = 500;
/** One instance dispatches at a time; another takes over when its lease lapses (it died). */
const LEASE_SECONDS = 10;

type Item = { target: PushTarget; message: PushMessage; received?: { requestId: string; organisationId: string } };

/**
 * Web Push from the transactional outbox: a push is sent for a committed change only, and is not lost
 * when an instance dies after the commit. One instance at a time (a lease in `push_dispatch`) reads
 * the pushed events after its cursor, in order — a new request matched to an organisation
 * (`request:received`: every device of its staff) and every alert addressed to a person
 * (`alert:notification`: escalations, urgent contacts, the poster's offers, lapsing holds and
 * unplaced requests, trial stays) — sends them with bounded concurrency and moves the cursor. Woken by
 * the outbox's NOTIFY (right after the sequencer) and a poll; a crash between sending and moving the
 * cursor re-sends that batch (at least once: the notification's tag replaces the first on the device).
 * Events older than the push TTL are skipped, not sent late.
 */
@Injectable()
export class PushDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('PushDispatcher');
  private readonly holder = randomUUID();
  private readonly listener: OutboxListener;
  private readonly passes = new SerialPasses(
    async () => {
      while ((await this.pass()) === BATCH && !this.stopped);
    },
    (err) => {
      if (err) this.logger.warn({ err }, 'push dispatch pass failed');
    },
  );
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly repo: PushDispatchRepository,
    private readonly subscriptions: PushSubscriptionsRepository,
    private readonly sender: PushSender,
    private readonly lifecycle: Lifecycle,
    private readonly clock: Clock,
    @Inject(ENV) private readonly env: ResolvedEnv,
  ) {
    // woken once committed events of the pushed kinds got their positions (the relay's sequencer): they can be read now
    this.listener = OutboxListener.ofSequenced(env, 'akiwa-push', () => void this.wake(), { events: PUSHED_EVENTS });
  }

  async onApplicationBootstrap() {
    // the first instance ever starts at the head: what happened before push existed is not sent
    await this.repo.init();
    this.lifecycle.onDrain(() => this.stop());
    this.timer = setInterval(() => void this.wake(), this.env.PUSH_POLL_INTERVAL_MS);
    this.timer.unref();
    await this.listener.start();
  }

  async onApplicationShutdown() {
    await this.stop();
  }

  private async stop() {
    if (this.stopped) return;
    this.stopped = true;
    clearInterval(this.timer);
    await this.passes.stop();
    // hand over at once: another instance need not wait for the lease to lapse
    await this.repo.releaseLease(this.holder).catch(() => undefined);
    await this.listener.stop();
  }

  /** Runs a pass now, or once more after the one in progress. Public so tests and benches can drive it. */
  wake(): Promise<void> {
    return this.passes.wake();
  }

  /** One batch under the lease; returns how many pushed events it read (0 also when another instance holds the lease). */
  private async pass(): Promise<number> {
    const lease = await this.repo.takeLease(this.holder, LEASE_SECONDS);
    if (!lease) return 0;
    // the head is read in the same snapshot: positions become visible strictly in order, so nothing below it can appear later
    const rows = await this.repo.eventsAfter(lease.position, PUSHED_EVENTS, BATCH);
    const events = rows.filter((r) => r.position !== null);
    const head = rows[0]?.head ?? lease.position;
    const through = events.length === BATCH ? events[events.length - 1].position : Math.max(head, lease.position);
    if (events.length) await this.dispatch(events);
    await this.repo.advance(this.holder, through);
    return events.length;
  }

  private async dispatch(events: OutboxPush[]) {
    const fresh = events.filter((e) => this.clock.now().getTime() - new Date(e.createdAt).getTime() < PUSH_TTL_SECONDS * 1000);
    const items: Item[] = [];
    const received = fresh.filter((e) => e.event === 'request:received' && e.payload.item);
    const alerts = fresh.filter((e) => e.event === 'alert:notification' && e.payload.notification);
    if (received.length) {
      const orgOf = (e: OutboxPush) => e.rooms[0]?.replace(/^org:/, '') ?? '';
      const targets = await this.subscriptions.forProviderOrganisations([...new Set(received.map(orgOf))]);
      const names = await this.repo.municipalityNames([...new Set(received.map((e) => e.payload.item!.municipalityCode))]);
      for (const e of received) {
        const item = e.payload.item!;
        const organisationId = orgOf(e);
        const mine = targets.filter((t) => t.organisationId === organisationId);
        if (!mine.length) continue;
        const tonight = serviceNight(this.clock.now());
        const body = requestAlertText({ ...item.needs, municipalityName: names.get(item.municipalityCode) ?? '', urgency: item.urgency, from: item.from, nights: item.nights }, tonight);
        const message: PushMessage = {
          title: item.urgency === 'emergency' ? '空き輪：緊急受入依頼' : '空き輪：受入依頼',
          body,
          url: `/provider/requests#request-${item.requestId}`,
          urgent: item.urgency === 'emergency',
          tag: `request-${item.requestId}`,
        };
        for (const target of mine) items.push({ target, message, received: { requestId: item.requestId, organisationId } });
      }
    }
    if (alerts.length) {
      const userOf = (e: OutboxPush) => e.rooms[0]?.replace(/^user:/, '') ?? '';
      const targets = await this.subscriptions.forUsers([...new Set(alerts.map(userOf))]);
      for (const e of alerts) {
        const n = e.payload.notification!;
        const message: PushMessage = { title: TITLES[n.kind] ?? '空き輪', body: n.text, url: n.url, urgent: n.urgent, tag: n.requestId ? `${n.kind}-${n.requestId}` : `alert-${n.id}` };
        for (const target of targets.filter((t) => t.userId === userOf(e))) items.push({ target, message });
      }
    }
    const accepted = await this.sender.sendMany(items);
    // the coordinator's "notified: which channel": a push reached the organisation's push service
    const pushed = [...new Map(accepted.filter((a) => a.received).map((a) => [`${a.received!.requestId}:${a.received!.organisationId}`, a.received!])).values()];
    if (pushed.length) await this.repo.markRecipientsPushed(pushed, this.clock.now());
  }
}

const TITLES: Record<AlertNotification['kind'], string> = {
  escalation: '空き輪：至急の確認',
  urgent_contact: '空き輪：緊急の相談',
  offer: '空き輪：受入の申し出',
  hold_expiring: '空き輪：確保の期限が近い',
  unplaced: '空き輪：受入先なし',
  trial_requested: '空き輪：体験利用の申込',
  trial_decided: '空き輪：体験利用の回答',
};
