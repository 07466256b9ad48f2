import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Pool, type PoolClient } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import { ENV, type ResolvedEnv } from '../config/env';

/** An event as stored: `position` is the id clients see (delivery order), `rooms` its audience. */
export interface OutboxRow {
  position: number;
  event: string;
  rooms: string[];
  payload: Record<string, unknown>;
  createdAt: Date;
}

/** One sequencer at a time (transaction-scoped advisory lock): positions become visible strictly in order. */
const SEQUENCER_LOCK = 0x616b6977; // "akiw"

/**
 * The SQL of the outbox (see the migration EventOutbox1765200000000). The relay's statements run on
 * a small pool of their own: a committing transaction waits for the relay pass while still holding
 * its pooled connection, so sharing the app's pool could starve both under load.
 */
@Injectable()
export class OutboxRepository implements OnApplicationShutdown {
  private readonly relayPool: Pool;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(ENV) env: ResolvedEnv,
  ) {
    this.relayPool = new Pool({
      connectionString: env.DATABASE_URL,
      max: 2,
      application_name: 'akiwa-relay',
      connectionTimeoutMillis: env.DB_CONNECT_TIMEOUT_MS,
      statement_timeout: env.DB_STATEMENT_TIMEOUT_MS,
      query_timeout: env.DB_STATEMENT_TIMEOUT_MS + 250,
      keepAlive: true,
    });
    this.relayPool.on('error', () => undefined); // an idle connection lost: the next query reconnects
  }

  async onApplicationShutdown() {
    await this.relayPool.end().catch(() => undefined);
  }

  /** `work` in a transaction on a relay connection. */
  private async relayTransaction<T>(work: (c: PoolClient) => Promise<T>): Promise<T> {
    const c = await this.relayPool.connect();
    // pg-pool listens for errors only on idle clients: a connection reset while this one is checked
    // out would be an unhandled 'error' event and end the process. Keep it, and discard the client.
    let broken: Error | undefined;
    const onError = (err: Error) => (broken = err);
    c.on('error', onError);
    try {
      await c.query('BEGIN');
      const result = await work(c);
      await c.query('COMMIT');
      return result;
    } catch (e) {
      if (!broken) await c.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      c.removeListener('error', onError);
      c.release(broken);
    }
  }

  /** In the caller's transaction: the events commit, or roll back, with the change they describe; ids in the given order. */
  async insert(tx: EntityManager, events: { event: string; rooms: string[]; payload: object }[]): Promise<void> {
    await tx.query(
      `INSERT INTO outbox_events(event, rooms, payload)
       SELECT e.event, ARRAY(SELECT jsonb_array_elements_text(e.rooms)), e.payload
       FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (event text, rooms jsonb, payload jsonb)) WITH ORDINALITY AS e(event, rooms, payload, n) ORDER BY e.n`,
      [JSON.stringify(events)],
    );
  }

  /**
   * Gives committed, unsequenced events their positions, in insertion order, if no other instance is
   * doing so right now. Returns how many (0 also when the lock was busy: its holder will notify).
   */
  async sequence(batch = 2000): Promise<number> {
    return this.relayTransaction(async (tx) => {
      const { rows: [{ locked }] } = await tx.query(`SELECT pg_try_advisory_xact_lock($1) AS locked`, [SEQUENCER_LOCK]);
      if (!locked) return 0;
      const { rowCount } = await tx.query(
        `WITH next AS (SELECT id FROM outbox_events WHERE position IS NULL ORDER BY id LIMIT $1),
              numbered AS (SELECT id, nextval('outbox_position_seq') AS position FROM (SELECT id FROM next ORDER BY id) n)
         UPDATE outbox_events o SET position = numbered.position, sequenced_at = now()
         FROM numbered WHERE o.id = numbered.id`,
        [batch],
      );
      if (rowCount) await tx.query(`SELECT pg_notify('akiwa_outbox', 'sequenced')`);
      return rowCount ?? 0;
    });
  }

  /** Sequenced events after `position`, in order (what this instance has not delivered yet). */
  async after(position: number, limit = 2000): Promise<OutboxRow[]> {
    const { rows } = await this.relayPool.query(
      `SELECT position::float8 AS position, event, rooms, payload, created_at AS "createdAt" FROM outbox_events WHERE position > $1 ORDER BY position LIMIT $2`,
      [position, limit],
    );
    return rows as OutboxRow[];
  }

  /** The last position given out (0 when none). */
  async head(): Promise<number> {
    const { rows: [{ head }] } = await this.relayPool.query(`SELECT coalesce(max(position), 0)::float8 AS head FROM outbox_events`);
    return head;
  }

  /**
   * What a client that saw everything up to `after` missed in `rooms` (its rooms now: entitlement is
   * checked at replay time), in order. `reset` when retention has deleted part of the gap, when the
   * gap is longer than `limit`, or when `after` is not a position this database gave out.
   */
  async replay(after: number, rooms: string[], limit: number): Promise<{ events: OutboxRow[]; reset: boolean }> {
    const [{ pruned, head }] = await this.db.query(
      `SELECT (SELECT pruned_through FROM outbox_watermark)::float8 AS pruned, coalesce((SELECT max(position) FROM outbox_events), 0)::float8 AS head`,
    );
    if (after < pruned || after > Math.max(head, pruned)) return { events: [], reset: true };
    if (!rooms.length) return { events: [], reset: false };
    const events: OutboxRow[] = await this.db.query(
      `SELECT position::float8 AS position, event, rooms, payload, created_at AS "createdAt" FROM outbox_events
       WHERE position > $1 AND rooms && $2::text[] ORDER BY position LIMIT $3`,
      [after, rooms, limit + 1],
    );
    if (events.length > limit) return { events: [], reset: true };
    return { events, reset: false };
  }

  /** Deletes delivered events older than the retention and moves the watermark; under the sequencer lock. */
  async prune(retentionDays: number): Promise<number> {
    return this.relayTransaction(async (tx) => {
      const { rows: [{ locked }] } = await tx.query(`SELECT pg_try_advisory_xact_lock($1) AS locked`, [SEQUENCER_LOCK]);
      if (!locked) return 0;
      const { rows: [row] } = await tx.query(
        `WITH gone AS (
           DELETE FROM outbox_events WHERE position IS NOT NULL AND created_at < now() - make_interval(secs => $1 * 86400) RETURNING position
         )
         UPDATE outbox_watermark SET pruned_through = greatest(pruned_through, coalesce((SELECT max(position) FROM gone), 0))
         RETURNING (SELECT count(*) FROM gone)::int AS deleted`,
        [retentionDays],
      );
      return row?.deleted ?? 0;
    });
  }
}
