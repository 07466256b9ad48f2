import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Pool, type PoolClient, type QueryResult } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import { ENV, type ResolvedEnv } from '../config/env';
import { BatchedCalls } from '../database/batched-calls';
import { SEQUENCED } from './outbox-listener';

/** An event as stored: `position` is the id clients see (delivery order), `rooms` its audience. */
export interface OutboxRow {
  position: number;
  event: string;
  rooms: string[];
  payload: Record<string, unknown>;
  createdAt: Date;
}

/** An event as the sequencer numbered it, with its outbox id (to recognise its writer's NOTIFY). */
export interface SequencedRow extends OutboxRow {
  id: number;
}

/** An event as a replay sends it. */
export type ReplayRow = Pick<OutboxRow, 'position' | 'event' | 'payload'>;

interface ReplayQuery {
  after: number;
  rooms: string[];
  limit: number;
}
type ReplayAnswer = { events: ReplayRow[]; reset: boolean };

/** Whether the gap after `after` is still whole: not partly deleted by retention, and `after` a position this database gave out. */
const retained = (after: number, pruned: number, head: number) => after >= pruned && after <= Math.max(head, pruned);

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

  /**
   * `work` in a transaction on a relay connection that holds the sequencer lock (transaction-scoped
   * advisory lock), or `busy` when another holds it. BEGIN and the lock go in one round trip: the
   * sequencer runs between every commit that wrote events and their delivery.
   */
  private async underSequencerLock<T>(work: (c: PoolClient) => Promise<T>, busy: T): Promise<T> {
    const c = await this.relayPool.connect();
    // pg-pool listens for errors only on idle clients: a connection reset while this one is checked
    // out would be an unhandled 'error' event and end the process. Keep it, and discard the client.
    let broken: Error | undefined;
    const onError = (err: Error) => (broken = err);
    c.on('error', onError);
    try {
      // a literal (a constant), not a parameter: two statements in one query need the simple protocol
      const [, { rows: [{ locked }] }] = (await c.query(`BEGIN; SELECT pg_try_advisory_xact_lock(${SEQUENCER_LOCK}) AS locked`)) as unknown as QueryResult<{ locked: boolean }>[];
      const result = locked ? await work(c) : busy;
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

  /** In the caller's transaction: the events commit, or roll back, with the change they describe; ids in the given order. Returns the highest. */
  async insert(tx: EntityManager, events: { event: string; rooms: string[]; payload: object }[]): Promise<number> {
    const [{ last }]: { last: number }[] = await tx.query(
      `WITH added AS (
         INSERT INTO outbox_events(event, rooms, payload)
         SELECT e.event, ARRAY(SELECT jsonb_array_elements_text(e.rooms)), e.payload
         FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (event text, rooms jsonb, payload jsonb)) WITH ORDINALITY AS e(event, rooms, payload, n) ORDER BY e.n
         RETURNING id
       )
       SELECT max(id)::float8 AS last FROM added`,
      [JSON.stringify(events)],
    );
    return last;
  }

  /**
   * Gives committed, unsequenced events their positions, in insertion order, if no other instance is
   * doing so right now. Returns how many (0 also when the lock was busy: its holder will notify).
   */
  async sequence(batch = 2000): Promise<number> {
    return (await this.sequenced(batch)).length;
  }

  /**
   * As `sequence`, returning the events it sequenced, in order, as `after` reads them (none when the
   * lock was busy), so that the relay need not read back what it has just numbered. The NOTIFY to
   * the other instances is in the same statement (sent at commit, one per kind of event: see
   * parseOutboxNotice).
   */
  async sequenced(batch = 2000): Promise<SequencedRow[]> {
    return this.underSequencerLock(async (tx) => {
      const { rows } = await tx.query<SequencedRow & { notified: unknown }>(
        `WITH next AS (SELECT id FROM outbox_events WHERE position IS NULL ORDER BY id LIMIT $1),
              numbered AS (SELECT id, nextval('outbox_position_seq') AS position FROM (SELECT id FROM next ORDER BY id) n),
              done AS (
                UPDATE outbox_events o SET position = numbered.position, sequenced_at = now()
                FROM numbered WHERE o.id = numbered.id
                RETURNING o.id, o.position, o.event, o.rooms, o.payload, o.created_at
              ),
              notified AS (SELECT pg_notify('akiwa_outbox', '${SEQUENCED}:' || max(position) || ':' || event) FROM done GROUP BY event)
         SELECT id::float8 AS id, position::float8 AS position, event, rooms, payload, created_at AS "createdAt", (SELECT count(*) FROM notified) AS notified
         FROM done ORDER BY position`,
        [batch],
      );
      return rows.map(({ notified: _, ...row }) => row);
    }, []);
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
   * The bounds and the events come from one statement (one snapshot, one round trip), reading only
   * the columns a replay sends. Replays asked while others run share one read (see replayTogether):
   * a thousand sockets failing over to this instance were a thousand queries over the same events.
   */
  replay(after: number, rooms: string[], limit: number): Promise<{ events: ReplayRow[]; reset: boolean }> {
    return this.replays.call({ after, rooms, limit });
  }

  private readonly replays = new BatchedCalls<ReplayQuery, ReplayAnswer>((queries) => this.replayTogether(queries));

  /**
   * One read for several replays: the events after the smallest `after` in any of their rooms, each
   * replay then taking its own (after its `after`, in its rooms) — exactly what its own statement
   * would have read in that snapshot. If the shared read hit its bound, a replay it cannot answer in
   * full (fewer than its limit among the rows read) reads on its own.
   */
  private async replayTogether(queries: ReplayQuery[]): Promise<ReplayAnswer[]> {
    if (queries.length === 1) return [await this.replayAlone(queries[0])];
    const from = Math.min(...queries.map((q) => q.after));
    const rooms = [...new Set(queries.flatMap((q) => q.rooms))];
    const bound = Math.max(...queries.map((q) => q.limit)) + 1;
    const { pruned, head, rows } = await this.readReplay(from, rooms, bound, true);
    const complete = rows.length < bound;
    return Promise.all(
      queries.map((q) => {
        if (!retained(q.after, pruned, head)) return { events: [], reset: true };
        const mine = new Set(q.rooms);
        const events: ReplayRow[] = [];
        for (const r of rows) {
          if (r.position <= q.after || !r.rooms!.some((room) => mine.has(room))) continue;
          if (events.length === q.limit) return { events: [], reset: true };
          events.push({ position: r.position, event: r.event, payload: r.payload });
        }
        return complete ? { events, reset: false } : this.replayAlone(q);
      }),
    );
  }

  private async replayAlone({ after, rooms, limit }: ReplayQuery): Promise<ReplayAnswer> {
    const { pruned, head, rows } = await this.readReplay(after, rooms, limit + 1, false);
    if (!retained(after, pruned, head)) return { events: [], reset: true };
    if (rows.length > limit) return { events: [], reset: true };
    return { events: rows.map((r) => ({ position: r.position, event: r.event, payload: r.payload })), reset: false };
  }

  /** The retention watermark, the head and up to `bound` events after `after` in `rooms` (with their rooms when shared), in one snapshot. */
  private async readReplay(after: number, rooms: string[], bound: number, withRooms: boolean) {
    const rows: { pruned: number; head: number; position: number | null; event: string; rooms: string[] | null; payload: Record<string, unknown> }[] = await this.db.query(
      `SELECT (SELECT pruned_through FROM outbox_watermark)::float8 AS pruned, (SELECT coalesce(max(position), 0) FROM outbox_events)::float8 AS head,
              e.position::float8 AS position, e.event, ${withRooms ? 'e.rooms' : 'NULL::text[] AS rooms'}, e.payload
       FROM (SELECT) one LEFT JOIN LATERAL (
         SELECT o.position, o.event, o.rooms, o.payload FROM outbox_events o WHERE o.position > $1 AND o.rooms && $2::text[] ORDER BY o.position LIMIT $3
       ) e ON true
       ORDER BY e.position`,
      [after, rooms, bound],
    );
    const [{ pruned, head }] = rows;
    return { pruned, head, rows: rows.filter((r): r is typeof r & { position: number } => r.position !== null) };
  }

  /** Deletes delivered events older than the retention and moves the watermark; under the sequencer lock. */
  async prune(retentionDays: number): Promise<number> {
    return this.underSequencerLock(async (tx) => {
      const { rows: [row] } = await tx.query(
        `WITH gone AS (
           DELETE FROM outbox_events WHERE position IS NOT NULL AND created_at < now() - make_interval(secs => $1 * 86400) RETURNING position
         )
         UPDATE outbox_watermark SET pruned_through = greatest(pruned_through, coalesce((SELECT max(position) FROM gone), 0))
         RETURNING (SELECT count(*) FROM gone)::int AS deleted`,
        [retentionDays],
      );
      return row?.deleted ?? 0;
    }, 0);
  }
}
