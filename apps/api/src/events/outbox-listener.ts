import { Client } from 'pg';
import type { ResolvedEnv } from '../config/env';

export type OutboxListenerOptions = {
  /** The connection's application_name, seen in pg_stat_activity. */
  name: string;
  /** A NOTIFY on the outbox channel: 'sequenced' once committed events got their positions, else a writer committed. */
  onNotify: (payload: string | undefined) => void;
  /** LISTEN is in place: whatever committed while nobody listened should be read now. */
  onListening: () => void;
  onLost?: (why: string) => void;
};

const RECONNECT_MS = 1000;

/**
 * The sequencer's NOTIFY payload is `sequenced:<event>`, once per kind of event it numbered
 * (PostgreSQL sends each distinct payload once per transaction), so that a consumer of some kinds
 * only is not woken for the others: a vacancy write used to cost the push dispatcher a lease, a read
 * and a cursor update, two of them commits, for events it never sends. A writer's commit notifies ''.
 */
export const SEQUENCED = 'sequenced';

/** The kind of event a sequencer's NOTIFY announces; '*' for any (a plain `sequenced`, as older instances send); null for a writer's commit. */
export function sequencedEvent(payload: string | undefined): string | null {
  if (payload === SEQUENCED) return '*';
  return payload?.startsWith(`${SEQUENCED}:`) ? payload.slice(SEQUENCED.length + 1) : null;
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
        const event = sequencedEvent(payload);
        if (event !== null && (!wanted || event === '*' || wanted.has(event))) spaced();
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
