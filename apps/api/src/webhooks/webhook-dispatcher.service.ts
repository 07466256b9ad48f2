import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { WebhookPayload } from '@akiwa/contracts';
import { nextWebhookAttempt } from '@akiwa/domain';
import { PersonalDataCipher } from '../common/crypto/personal-data.cipher';
import { Clock } from '../common/time/clock';
import { ENV, type ResolvedEnv } from '../config/env';
import { SerialPasses } from '../database/serial-passes';
import { OutboxListener } from '../events/outbox-listener';
import { Lifecycle } from '../lifecycle/lifecycle.service';
import { WebhookMetrics } from './webhook-metrics';
import { WebhookSender } from './webhook-sender.service';
import { secretAad } from './webhook-signature';
import { WEBHOOK_EVENTS, WebhooksRepository, type ClaimedDelivery } from './webhooks.repository';

const FAN_OUT_BATCH = 1000;
const PRUNE_EVERY_MS = 3_600_000;
/**
 * Webhooks go to other systems, which need them in order and once, not within milliseconds: at 100
 * vacancy writes a second, one pass per write was four round trips and two commits each; spaced, a
 * burst of writes is fanned out in a few passes of many events.
 */
const NOTIFY_SPACING_MS = 250;

/**
 * Webhooks from the transactional outbox, on every instance. A pass (1) fans committed vacancy
 * events out into deliveries, durably (WebhooksRepository.fanOut), then (2) claims the due deliveries
 * (SKIP LOCKED) and sends them, at most the sender's concurrency at once, recording each outcome: a
 * failure is retried with exponential backoff timed by the injected clock, and an endpoint whose
 * attempts keep failing is disabled. Woken by the outbox's NOTIFY (right after the sequencer) and a
 * poll (which also finds retries that came due).
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Webhooks');
  private readonly listener: OutboxListener;
  private readonly passes = new SerialPasses(
    () => this.pass(),
    (err) => {
      if (err) this.logger.warn({ err }, 'webhook pass failed');
    },
  );
  private timer?: NodeJS.Timeout;
  private pruneTimer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly repo: WebhooksRepository,
    private readonly sender: WebhookSender,
    private readonly cipher: PersonalDataCipher,
    private readonly metrics: WebhookMetrics,
    private readonly lifecycle: Lifecycle,
    private readonly clock: Clock,
    @Inject(ENV) private readonly env: ResolvedEnv,
  ) {
    // woken once committed events of the kinds sent by webhook got their positions (the relay's
    // sequencer), at most every NOTIFY_SPACING_MS: a pass is a transaction and a claim whatever it finds
    this.listener = OutboxListener.ofSequenced(env, 'akiwa-webhooks', () => void this.wake(), { events: WEBHOOK_EVENTS, atMostEveryMs: NOTIFY_SPACING_MS });
  }

  async onApplicationBootstrap() {
    this.lifecycle.onDrain(() => this.stop());
    this.timer = setInterval(() => void this.wake(), this.env.WEBHOOK_POLL_INTERVAL_MS);
    this.timer.unref();
    this.pruneTimer = setInterval(() => void this.prune(), PRUNE_EVERY_MS);
    this.pruneTimer.unref();
    await this.listener.start();
  }

  async onApplicationShutdown() {
    await this.stop();
  }

  private async stop() {
    if (this.stopped) return;
    this.stopped = true;
    clearInterval(this.timer);
    clearInterval(this.pruneTimer);
    await this.passes.stop();
    await this.listener.stop();
  }

  /** Runs a pass now, or once more after the one in progress. Public so tests can drive it. */
  wake(): Promise<void> {
    return this.passes.wake();
  }

  /** Finished deliveries are kept as long as the events (EVENT_RETENTION_DAYS), for the admin's list. Public so tests can drive it. */
  async prune(): Promise<number> {
    try {
      return await this.repo.prune(new Date(this.clock.now().getTime() - this.env.EVENT_RETENTION_DAYS * 86_400_000));
    } catch (err) {
      this.logger.warn({ err }, 'webhook delivery prune failed');
      return 0;
    }
  }

  private async pass() {
    this.metrics.passes.inc();
    while ((await this.repo.fanOut(this.clock.now(), FAN_OUT_BATCH)) === FAN_OUT_BATCH && !this.stopped);
    const limit = this.sender.concurrency;
    for (;;) {
      const now = this.clock.now();
      // an attempt whose sender died is retried once the lease is over (the request has timed out by then)
      const claimed = await this.repo.claimDue(now, new Date(now.getTime() + this.env.WEBHOOK_TIMEOUT_MS * 2 + 5000), limit);
      await Promise.all(claimed.map((d) => this.attempt(d).catch((err) => this.logger.warn({ err, delivery: d.id }, 'webhook attempt not recorded: retried after its lease'))));
      if (claimed.length < limit || this.stopped) return;
    }
  }

  private async attempt(d: ClaimedDelivery) {
    const payload: WebhookPayload = { id: d.id, type: d.event, eventId: d.eventId, createdAt: new Date(d.createdAt).toISOString(), data: d.payload };
    const outcome = await this.sender.send({
      url: d.url,
      secret: this.cipher.decrypt(d.secret, secretAad(d.endpointId)),
      deliveryId: d.id,
      event: d.event,
      body: JSON.stringify(payload),
      at: this.clock.now(),
    });
    const now = this.clock.now();
    this.metrics.attempts.inc({ outcome: outcome.ok ? 'delivered' : 'failed' });
    if (outcome.ok) return this.repo.delivered(d.id, d.endpointId, outcome.status, now);
    const retryAt = nextWebhookAttempt(now, d.attempts, {
      baseMs: this.env.WEBHOOK_RETRY_BASE_MS,
      maxMs: this.env.WEBHOOK_RETRY_MAX_MS,
      maxAttempts: this.env.WEBHOOK_MAX_ATTEMPTS,
    });
    const disabled = await this.repo.failed(d.id, d.endpointId, { status: outcome.status, error: outcome.error, now, retryAt, disableAfter: this.env.WEBHOOK_DISABLE_AFTER_FAILURES });
    if (disabled) this.metrics.disabled.inc();
    if (disabled) this.logger.warn({ endpoint: d.endpointId, error: outcome.error }, 'webhook endpoint disabled after repeated failures');
  }
}
