import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Redis, type RedisOptions } from 'ioredis';
import { ENV, type ResolvedEnv } from '../config/env';

export type RedisState = 'disabled' | 'up' | 'down';

/** Commands the socket.io Redis adapter calls without awaiting them: their rejections must never escape. */
const FIRE_AND_FORGET = ['publish', 'psubscribe', 'subscribe', 'punsubscribe', 'unsubscribe'] as const;

/**
 * The two Redis connections of the socket.io adapter (publish, subscribe). Redis is optional at
 * runtime: an instance starts while Redis is down (degraded: its own sockets only), every client has
 * an `error` listener, ioredis reconnects by itself, and a publish while Redis is down fails at once
 * (no offline queue) and is dropped — durable events reach other instances through the outbox, not
 * through Redis. Subscriptions wait in the offline queue and are renewed after every reconnect.
 */
@Injectable()
export class RedisLink implements OnApplicationShutdown {
  private readonly logger = new Logger('Redis');
  readonly pub?: Redis;
  readonly sub?: Redis;
  private lastError = '';
  /** Publishes dropped because Redis was unreachable (exported as a metric). */
  droppedPublishes = 0;

  constructor(@Inject(ENV) env: ResolvedEnv) {
    if (!env.REDIS_URL) return;
    const common: RedisOptions = {
      connectTimeout: 2000,
      // reconnect forever, at most every 2 s
      retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
      lazyConnect: true,
    };
    this.pub = new Redis(env.REDIS_URL, { ...common, enableOfflineQueue: false, maxRetriesPerRequest: 0, connectionName: 'akiwa-pub' });
    this.sub = new Redis(env.REDIS_URL, { ...common, maxRetriesPerRequest: null, connectionName: 'akiwa-sub' });
    for (const [name, client] of [['pub', this.pub], ['sub', this.sub]] as const) {
      client.on('error', (err: Error) => {
        // one line per distinct failure, not one per reconnect attempt
        if (err.message !== this.lastError) this.logger.warn(`Redis ${name}: ${err.message}`);
        this.lastError = err.message;
      });
      client.on('ready', () => {
        this.lastError = '';
        this.logger.log(`Redis ${name} connected`);
      });
      for (const command of FIRE_AND_FORGET) {
        const original = (client[command] as (...a: unknown[]) => Promise<unknown>).bind(client);
        Object.defineProperty(client, command, {
          configurable: true,
          value: (...args: unknown[]) =>
            original(...args).catch((err: Error) => {
              if (command === 'publish') this.droppedPublishes++;
              else this.logger.warn(`Redis ${name} ${command} failed: ${err.message}`);
              return 0;
            }),
        });
      }
    }
  }

  get state(): RedisState {
    if (!this.pub || !this.sub) return 'disabled';
    return this.pub.status === 'ready' && this.sub.status === 'ready' ? 'up' : 'down';
  }

  /** Starts connecting; waits at most `ms` for Redis, then carries on degraded (reconnects by itself). */
  async connect(ms = 2000): Promise<void> {
    if (!this.pub || !this.sub) return;
    const clients = [this.pub, this.sub];
    const ready = Promise.all(clients.map((c) => c.connect().catch(() => undefined)));
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([ready, new Promise((r) => (timer = setTimeout(r, ms)))]);
    clearTimeout(timer);
    if (this.state !== 'up') this.logger.warn('Redis unreachable at start: serving this instance’s sockets only until it returns');
  }

  async onApplicationShutdown() {
    for (const c of [this.pub, this.sub]) {
      if (!c) continue;
      if (c.status === 'ready') await c.quit().catch(() => c.disconnect());
      else c.disconnect();
    }
  }
}
