import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from 'pg';
import type { DataSource, EntitySubscriberInterface, TransactionCommitEvent } from 'typeorm';
import { ENV, type ResolvedEnv } from '../config/env';
import { Lifecycle } from '../lifecycle/lifecycle.service';
import { RealtimeService } from '../realtime/realtime.service';
import { OutboxRepository } from './outbox.repository';
import { OUTBOX_WRITTEN } from './event-outbox.service';

export type RelayState = 'up' | 'polling' | 'down' | 'stopped';

const PRUNE_EVERY_MS = 60_000;

/**
 * Every instance runs one relay. Woken by LISTEN/NOTIFY at each commit that wrote events (and by a
 * poll every RELAY_POLL_INTERVAL_MS, the safety net when notifications are lost), a pass:
 *  1. sequences committed events (whichever instance holds the lock; a commit whose instance then
 *     crashed is sequenced by any other), then
 *  2. reads the events after its cursor and emits them to its own sockets.
 * Delivery across instances therefore needs PostgreSQL only, not Redis. NOTIFY rather than polling
 * alone, from the `relay` benchmark (both in one run): polling every 100 ms cost more transactions at
 * idle and was still slower across instances; every 1 s it added about half the interval. NOTIFY's
 * price: each commit wakes every instance (more, cheap, transactions per write under load).
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('OutboxRelay');
  private listener: Client | null = null;
  private listening = false;
  private failing = false;
  private stopped = false;
  private running: Promise<void> | null = null;
  private again = false;
  /** Whether the next pass should try to sequence (a writer committed), or only read (a sequencer committed). */
  private toSequence = true;
  private timers: NodeJS.Timeout[] = [];
  private reconnectTimer?: NodeJS.Timeout;
  /** For the metrics. */
  readonly stats = { sequenced: 0, published: 0, lastLagMs: 0 };

  constructor(
    private readonly repo: OutboxRepository,
    private readonly realtime: RealtimeService,
    private readonly lifecycle: Lifecycle,
    @InjectDataSource() private readonly db: DataSource,
    @Inject(ENV) private readonly env: ResolvedEnv,
  ) {}

  get state(): RelayState {
    if (this.stopped) return 'stopped';
    if (this.failing) return 'down';
    return this.listening ? 'up' : 'polling';
  }

  async onApplicationBootstrap() {
    // a new instance delivers what commits from now on; its clients replay what came before
    this.realtime.lastDelivered = await this.repo.head();
    // a transaction that appended events runs a pass as soon as it committed, and waits for it: the
    // writer's own instance delivers before the HTTP answer (as a direct emit did), others on NOTIFY
    this.db.subscribers.push({
      afterTransactionCommit: (e: TransactionCommitEvent) => {
        if (!e.queryRunner.data?.[OUTBOX_WRITTEN]) return;
        e.queryRunner.data[OUTBOX_WRITTEN] = false;
        return this.wake();
      },
    } as EntitySubscriberInterface);
    this.lifecycle.onDrain(() => this.stop());
    if (this.env.RELAY_LISTEN) await this.listen();
    this.timers.push(setInterval(() => void this.wake(), this.env.RELAY_POLL_INTERVAL_MS));
    this.timers.push(setInterval(() => void this.prune(), PRUNE_EVERY_MS));
    for (const t of this.timers) t.unref();
    void this.wake(); // anything committed but not yet sequenced (e.g. by an instance that crashed)
  }

  async onApplicationShutdown() {
    await this.stop();
  }

  private async stop() {
    this.stopped = true;
    for (const t of this.timers) clearInterval(t);
    clearTimeout(this.reconnectTimer);
    await this.running;
    const l = this.listener;
    this.listener = null;
    await l?.end().catch(() => undefined);
  }

  /** Runs a pass now, or once more after the one in progress. Public so tests and benches can drive it. */
  wake(sequence = true): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.toSequence ||= sequence;
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.pass();
        } while (this.again && !this.stopped);
        this.failing = false;
      } catch (err) {
        if (!this.failing) this.logger.warn(`relay pass failed: ${(err as Error).message}`);
        this.failing = true;
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  private async pass() {
    if (this.toSequence) {
      this.toSequence = false;
      this.stats.sequenced += await this.repo.sequence();
    }
    for (;;) {
      const rows = await this.repo.after(this.realtime.lastDelivered, 2000);
      for (const row of rows) {
        this.realtime.deliver(row);
        this.stats.published++;
      }
      if (rows.length) this.stats.lastLagMs = Date.now() - new Date(rows[rows.length - 1].createdAt).getTime();
      if (rows.length < 2000) return;
    }
  }

  private async listen() {
    if (this.stopped) return;
    const client = new Client({ connectionString: this.env.DATABASE_URL, connectionTimeoutMillis: this.env.DB_CONNECT_TIMEOUT_MS, keepAlive: true, application_name: 'akiwa-relay' });
    const lost = (why: string) => {
      if (this.listener !== client) return;
      this.listener = null;
      this.listening = false;
      if (!this.stopped) this.logger.warn(`LISTEN connection lost (${why}); polling until it is back`);
      client.end().catch(() => undefined);
      this.scheduleReconnect();
    };
    client.on('error', (err) => lost(err.message));
    client.on('end', () => lost('ended'));
    client.on('notification', (n) => void this.wake(n.payload !== 'sequenced'));
    this.listener = client;
    try {
      await client.connect();
      await client.query('LISTEN akiwa_outbox');
      this.listening = true;
      void this.wake(); // whatever committed while we were not listening
    } catch (err) {
      lost((err as Error).message);
    }
  }

  private scheduleReconnect() {
    if (this.stopped || this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      void this.listen();
    }, 1000);
    this.reconnectTimer.unref();
  }

  private async prune() {
    try {
      const n = await this.repo.prune(this.env.EVENT_RETENTION_DAYS);
      if (n) this.logger.log(`pruned ${n} events older than ${this.env.EVENT_RETENTION_DAYS} days`);
    } catch (err) {
      this.logger.warn(`prune failed: ${(err as Error).message}`);
    }
  }
}
