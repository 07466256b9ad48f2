import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntitySubscriberInterface, TransactionCommitEvent } from 'typeorm';
import { ENV, type ResolvedEnv } from '../config/env';
import { Lifecycle } from '../lifecycle/lifecycle.service';
import { RealtimeService } from '../realtime/realtime.service';
import { SerialPasses } from '../database/serial-passes';
import { OutboxListener, parseOutboxNotice } from './outbox-listener';
import { OutboxRepository, type OutboxRow, type SequencedRow } from './outbox.repository';
import { OUTBOX_WRITTEN } from './event-outbox.service';

export type RelayState = 'up' | 'polling' | 'down' | 'stopped';

const PRUNE_EVERY_MS = 60_000;
/** Events sequenced, or read, per statement. */
const BATCH = 2000;
const REMEMBERED_IDS = 4 * BATCH;

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
  private readonly listener: OutboxListener;
  private readonly passes = new SerialPasses(
    () => this.pass(),
    (err) => {
      if (err && !this.failing) this.logger.warn(`relay pass failed: ${(err as Error).message}`);
      this.failing = Boolean(err);
    },
  );
  private failing = false;
  private stopped = false;
  /** Whether the next pass should try to sequence (a writer committed) and read (a sequencer committed, or a poll). */
  private toSequence = true;
  private toRead = true;
  /** Writers' NOTIFYs (their highest outbox id) not yet known to be sequenced: the next pass sequences unless this relay has done it. */
  private readonly awaiting = new Set<number>();
  /** The highest position sequencers have notified. */
  private readThrough = 0;
  /** Outbox ids this relay sequenced lately (insertion order, the oldest dropped first). */
  private readonly sequencedHere = new Set<number>();
  private timers: NodeJS.Timeout[] = [];
  /** For the metrics. */
  readonly stats = { sequenced: 0, published: 0, lastLagMs: 0, sequencerRuns: 0, reads: 0 };

  constructor(
    private readonly repo: OutboxRepository,
    private readonly realtime: RealtimeService,
    private readonly lifecycle: Lifecycle,
    @InjectDataSource() private readonly db: DataSource,
    @Inject(ENV) private readonly env: ResolvedEnv,
  ) {
    this.listener = new OutboxListener(env, {
      name: 'akiwa-relay',
      onNotify: (payload) => this.notified(payload),
      onListening: () => void this.wake(), // whatever committed while we were not listening
      onLost: (why) => this.logger.warn(`LISTEN connection lost (${why}); polling until it is back`),
    });
  }

  get state(): RelayState {
    if (this.stopped) return 'stopped';
    if (this.failing) return 'down';
    return this.listener.isListening ? 'up' : 'polling';
  }

  async onApplicationBootstrap() {
    // a new instance delivers what commits from now on; its clients replay what came before
    this.realtime.lastDelivered = await this.repo.head();
    // a transaction that appended events runs a pass as soon as it committed, and waits for it: the
    // writer's own instance delivers before the HTTP answer (as a direct emit did), others on NOTIFY
    this.db.subscribers.push({
      afterTransactionCommit: (e: TransactionCommitEvent) => {
        const last = e.queryRunner.data?.[OUTBOX_WRITTEN];
        if (!last) return;
        e.queryRunner.data[OUTBOX_WRITTEN] = 0;
        // as its NOTIFY: a pass sequences it unless one has already (they race)
        this.awaiting.add(last);
        return this.wake(false, false);
      },
    } as EntitySubscriberInterface);
    this.lifecycle.onDrain(() => this.stop());
    if (this.env.RELAY_LISTEN) await this.listener.start();
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
    await this.passes.stop();
    await this.listener.stop();
  }

  /** Runs a pass now, or once more after the one in progress. Public so tests and benches can drive it. */
  wake(sequence = true, read = true): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.toSequence ||= sequence;
    this.toRead ||= read;
    return this.passes.wake();
  }

  /** A NOTIFY: nothing to do for what this relay has sequenced or delivered itself (see parseOutboxNotice). */
  private notified(payload: string | undefined) {
    const notice = parseOutboxNotice(payload);
    if (notice.kind === 'written') {
      if (notice.id === null) return void this.wake(true, false);
      if (this.sequencedHere.has(notice.id)) return;
      // decided by the pass: a pass under way may be sequencing it right now
      this.awaiting.add(notice.id);
      return void this.wake(false, false);
    }
    if (notice.through === null) return void this.wake(false, true);
    // decided by the pass too: this relay may be about to deliver what it has just sequenced
    this.readThrough = Math.max(this.readThrough, notice.through);
    void this.wake(false, false);
  }

  private async pass() {
    const sequence = this.toSequence || [...this.awaiting].some((id) => !this.sequencedHere.has(id));
    const read = this.toRead || this.readThrough > this.realtime.lastDelivered;
    this.toSequence = false;
    this.toRead = false;
    this.awaiting.clear();
    if (sequence) {
      this.stats.sequencerRuns++;
      const mine = await this.repo.sequenced(BATCH);
      this.stats.sequenced += mine.length;
      this.remember(mine);
      // Positions are given out in order under the sequencer lock: when the first of ours follows what
      // this relay delivered, none can sit between, and ours are delivered as the sequencer returned
      // them, without reading them back (one round trip less between a commit and its emit). Anything
      // else (another instance's positions first, a gap left by a rolled-back sequencer, nothing
      // sequenced) is read below.
      if (mine.length && mine[0].position === this.realtime.lastDelivered + 1) {
        this.publish(mine);
        if (mine.length < BATCH && !read) return;
      }
    } else if (!read) return;
    for (;;) {
      this.stats.reads++;
      const rows = await this.repo.after(this.realtime.lastDelivered, BATCH);
      this.publish(rows);
      if (rows.length < BATCH) return;
    }
  }

  private remember(rows: SequencedRow[]) {
    for (const r of rows) this.sequencedHere.add(r.id);
    // a writer's NOTIFY comes within milliseconds of its commit: the last few thousand ids are plenty
    for (const id of this.sequencedHere) {
      if (this.sequencedHere.size <= REMEMBERED_IDS) break;
      this.sequencedHere.delete(id);
    }
  }

  private publish(rows: OutboxRow[]) {
    this.realtime.deliverAll(rows);
    this.stats.published += rows.length;
    if (rows.length) this.stats.lastLagMs = Date.now() - new Date(rows[rows.length - 1].createdAt).getTime();
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
