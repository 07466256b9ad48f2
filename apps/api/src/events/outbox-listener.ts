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

  /** For a consumer of sequenced events only (push, webhooks): `wake` once they got their positions, and on (re)connecting. */
  static ofSequenced(env: Pick<ResolvedEnv, 'DATABASE_URL' | 'DB_CONNECT_TIMEOUT_MS'>, name: string, wake: () => void) {
    return new OutboxListener(env, {
      name,
      onNotify: (payload) => {
        if (payload === 'sequenced') wake();
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
