import { Agent, globalAgent } from 'node:https';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import webPush from 'web-push';
import { Clock } from '../common/time/clock';
import { ENV, type ResolvedEnv } from '../config/env';
import { PushSubscriptionsRepository, type PushTarget } from './push-subscriptions.repository';

/** What a notification shows: de-identified text only, and the app path a tap opens. */
export interface PushMessage {
  title: string;
  body: string;
  url: string;
  /** Emergencies: Urgency high (wakes a sleeping phone) and kept on screen. */
  urgent: boolean;
  /** Replaces an earlier notification with the same tag (one per request). */
  tag?: string;
}

/** How many pushes are in flight at once (the push services are remote; this bounds sockets and memory). */
const CONCURRENCY = 32;
/** Seconds a push service keeps an undelivered message (a phone that is off for the night still gets it). */
export const PUSH_TTL_SECONDS = 12 * 60 * 60;
/** A VAPID token is signed once per push service origin and reused this long (RFC 8292 allows up to 24 h). */
const VAPID_TOKEN_SECONDS = 12 * 60 * 60;
const VAPID_REUSE_MS = 6 * 60 * 60 * 1000;

/**
 * Web Push (RFC 8030 with VAPID, RFC 8292; payload encrypted per RFC 8291) through the `web-push`
 * library, with bounded concurrency over kept-alive connections, and the VAPID token signed once per
 * push service (not per message). A 404/410 from the push service means the subscription is gone: it
 * is removed. Failures are logged, never thrown (the change they announce is committed).
 */
@Injectable()
export class PushSender implements OnApplicationShutdown {
  private readonly logger = new Logger('Push');
  readonly publicKey: string;
  private readonly vapid: { subject: string; publicKey: string; privateKey: string };
  /** Made at the first push, with the process's TLS options (its CAs) plus keep-alive. */
  private agent?: Agent;
  private readonly tokens = new Map<string, { authorization: string; at: number }>();

  constructor(
    private readonly subscriptions: PushSubscriptionsRepository,
    private readonly clock: Clock,
    @Inject(ENV) env: ResolvedEnv,
  ) {
    // production requires the keys (loadEnv); tests and throwaway runs without them get fresh ones
    const keys = env.VAPID_PUBLIC_KEY && env.VAPID_PRIVATE_KEY ? { publicKey: env.VAPID_PUBLIC_KEY, privateKey: env.VAPID_PRIVATE_KEY } : webPush.generateVAPIDKeys();
    this.vapid = { subject: env.VAPID_SUBJECT, ...keys };
    this.publicKey = keys.publicKey;
  }

  onApplicationShutdown() {
    this.agent?.destroy();
  }

  /** Sends one message to every target; resolves with the number accepted by the push services. */
  async send(targets: PushTarget[], message: PushMessage): Promise<number> {
    return (await this.sendMany(targets.map((target) => ({ target, message })))).length;
  }

  /** Sends each item, at most CONCURRENCY at once; resolves with the items the push services accepted. */
  async sendMany<T extends { target: PushTarget; message: PushMessage }>(items: T[]): Promise<T[]> {
    if (!items.length) return [];
    const accepted: T[] = [];
    let next = 0;
    const worker = async () => {
      while (next < items.length) {
        const item = items[next++];
        if (await this.sendOne(item.target, item.message)) accepted.push(item);
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
    await this.subscriptions.markSent([...new Set(accepted.map((a) => a.target.id))], this.clock.now()).catch((err) => this.logger.warn({ err }, 'markSent failed'));
    return accepted;
  }

  private authorization(endpoint: string): string {
    const audience = new URL(endpoint).origin;
    const cached = this.tokens.get(audience);
    if (cached && Date.now() - cached.at < VAPID_REUSE_MS) return cached.authorization;
    const exp = Math.floor(Date.now() / 1000) + VAPID_TOKEN_SECONDS;
    const { Authorization } = webPush.getVapidHeaders(audience, this.vapid.subject, this.vapid.publicKey, this.vapid.privateKey, 'aes128gcm', exp) as { Authorization: string };
    this.tokens.set(audience, { authorization: Authorization, at: Date.now() });
    return Authorization;
  }

  private async sendOne(target: PushTarget, message: PushMessage): Promise<boolean> {
    try {
      const payload = JSON.stringify({ title: message.title, body: message.body, url: message.url, tag: message.tag, urgent: message.urgent });
      await webPush.sendNotification({ endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } }, payload, {
        headers: { Authorization: this.authorization(target.endpoint) },
        TTL: PUSH_TTL_SECONDS,
        urgency: message.urgent ? 'high' : 'normal',
        contentEncoding: 'aes128gcm',
        agent: (this.agent ??= new Agent({ ...globalAgent.options, keepAlive: true, maxSockets: CONCURRENCY })),
        timeout: 10_000,
      });
      return true;
    } catch (err) {
      const status = (err as { statusCode?: number }).statusCode;
      if (status === 404 || status === 410) {
        await this.subscriptions.drop(target.id).catch(() => undefined);
        this.logger.log({ subscription: target.id, status }, 'push subscription gone: removed');
      } else {
        this.logger.warn({ err, subscription: target.id }, 'push failed');
      }
      return false;
    }
  }
}
