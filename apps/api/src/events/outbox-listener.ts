import { Client } from 'pg';
import type { ResolvedEnv } from '../config/env';

export type OutboxListenerOptions = {
  /** The connection's application_name, seen in pg_stat_activity. */
  name: string;
  /** A NOTIFY on the outbox channel (see parseOutboxNotice). */
  onNotify: (payload: string | undefined) => void;
  /** LISTEN is in place: whatever committed while nobody listened should be read now. */
  onListening: () => void;
  onLost?: (why: string) => void;
};

const RECONNECT_MS = 1000;

/**
 * What the outbox's NOTIFY says, on channel `akiwa_outbox`:
 *  - `written:<id>` at the commit of a writer (one per INSERT statement; `<id>` its highest outbox id),
 *  - `sequenced:<position>:<event>` at the commit of the sequencer, once per kind of event it numbered
 *    (`<position>` the highest of that kind),
 * so that a relay neither sequences again what it has just sequenced itself nor reads what it has
 * delivered already, and a consumer of some kinds (push) is not woken for the others: per vacancy
 * write these were 11 of 24 round trips. Older instances send '' and plain `sequenced`: read as
 * "something was written" and "something was sequenced".
 */
export type OutboxNotice = { kind: 'written'; id: number | null } | { kind: 'sequenced'; event: string; through: number | null };

export const SEQUENCED = 'sequenced';
/** Any kind of event (a plain `sequenced`). */
const ANY_EVENT = '*';

export function parseOutboxNotice(payload: string | undefined): OutboxNotice {
  const sequenced = /^sequenced(?::(\d+):(.+))?$/.exec(payload ?? '');
  if (sequenced) return { kind: SEQUENCED, event: sequenced[2] ?? ANY_EVENT, through: sequenced[1] ? Number(sequenced[1]) : null };
  const written = /^written:(\d+)$/.exec(payload ?? '');
  return { kind: 'written', id: written ? Number(written[1]) : null };
}

export interface SequencedWakeOptions {
  /** Only these kinds of event wake the consumer (its poll still runs). Default: every kind. */
  events?: readonly string[];
  /** Notifications start a pass at most this often: the passes of a burst of writes become a few (the poll, a reconnect and an explicit wake are not spaced). */
  atMostEveryMs?: number;
}

/**
 * A dedicated connection LISTENing on `akiwa_outbox`, opened again a second after it is lost (a
 * restart of PostgreSQL, a dropped connection); in between, the owner's poll is the safety net.
 */
export class OutboxListener {
  private client: Client | null = null;
  private listening = false;
  private stopped = false;
  private reconnectTimer?: NodeJS.Timeout;

  constructor(
    private readonly env: Pick<ResolvedEnv, 'DATABASE_URL' | 'DB_CONNECT_TIMEOUT_MS'>,
    private readonly options: OutboxListenerOptions,
  ) {}

  /** For a consumer of sequenced events only (push, webhooks): `wake` once events of its kinds got their positions, and on (re)connecting. */
  static ofSequenced(env: Pick<ResolvedEnv, 'DATABASE_URL' | 'DB_CONNECT_TIMEOUT_MS'>, name: string, wake: () => void, { events, atMostEveryMs = 0 }: SequencedWakeOptions = {}) {
    const wanted = events && new Set(events);
    const spaced = spacedCalls(wake, atMostEveryMs);
    return new OutboxListener(env, {
      name,
      onNotify: (payload) => {
        const notice = parseOutboxNotice(payload);
        if (notice.kind === SEQUENCED && (!wanted || notice.event === ANY_EVENT || wanted.has(notice.event))) spaced();
      },
      onListening: wake,
    });
  }

  get isListening() {
    return this.listening;
  }

  /** Resolves after the first attempt, listening or not (it retries on its own). */
  async start(): Promise<void> {
    if (this.stopped) return;
    const o = this.options;
    const client = new Client({ connectionString: this.env.DATABASE_URL, connectionTimeoutMillis: this.env.DB_CONNECT_TIMEOUT_MS, keepAlive: true, application_name: o.name });
    const lost = (why: string) => {
      if (this.client !== client) return;
      this.client = null;
      this.listening = false;
      if (!this.stopped) o.onLost?.(why);
      client.end().catch(() => undefined);
      this.scheduleReconnect();
    };
    client.on('error', (err) => lost(err.message));
    client.on('end', () => lost('ended'));
    client.on('notification', (n) => o.onNotify(n.payload));
    this.client = client;
    try {
      await client.connect();
      await client.query('LISTEN akiwa_outbox');
      this.listening = true;
      o.onListening();
    } catch (err) {
      lost((err as Error).message);
    }
  }

  async stop() {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    const c = this.client;
    this.client = null;
    this.listening = false;
    await c?.end().catch(() => undefined);
  }

  private scheduleReconnect() {
    if (this.stopped || this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      void this.start();
    }, RECONNECT_MS);
    this.reconnectTimer.unref();
  }
}

/** `fn` at once if it last ran `ms` ago or more, else once at that point (calls in between become that one). */
function spacedCalls(fn: () => void, ms: number): () => void {
  if (ms <= 0) return fn;
  let last = -Infinity;
  let timer: NodeJS.Timeout | undefined;
  const run = () => {
    timer = undefined;
    last = performance.now();
    fn();
  };
  return () => {
    if (timer) return;
    const wait = last + ms - performance.now();
    if (wait <= 0) return run();
    timer = setTimeout(run, wait);
    timer.unref();
  };
}
