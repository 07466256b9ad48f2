import { Inject, Injectable, Logger } from '@nestjs/common';
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
const TTL_SECONDS = 12 * 60 * 60;

/**
 * Web Push (RFC 8030 with VAPID, RFC 8292; payload encrypted per RFC 8291) through the `web-push`
 * library, with bounded concurrency. A 404/410 from the push service means the subscription is gone:
 * it is removed. Failures are logged, never thrown (the change they announce is committed).
 */
@Injectable()
export class PushSender {
  private readonly logger = new Logger('Push');
  readonly publicKey: string;
  private readonly vapid: { subject: string; publicKey: string; privateKey: string };

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

  async toUsers(userIds: string[], message: PushMessage): Promise<number> {
    return this.send(await this.subscriptions.forUsers(userIds), message);
  }

  /** Sends to every target; resolves with the number accepted by the push services. */
  async send(targets: PushTarget[], message: PushMessage): Promise<number> {
    if (!targets.length) return 0;
    const payload = JSON.stringify({ title: message.title, body: message.body, url: message.url, tag: message.tag, urgent: message.urgent });
    const accepted: string[] = [];
    let next = 0;
    const worker = async () => {
      while (next < targets.length) {
        const target = targets[next++];
        if (await this.sendOne(target, payload, message.urgent)) accepted.push(target.id);
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, targets.length) }, worker));
    await this.subscriptions.markSent(accepted, this.clock.now()).catch((err) => this.logger.warn({ err }, 'markSent failed'));
    return accepted.length;
  }

  private async sendOne(target: PushTarget, payload: string, urgent: boolean): Promise<boolean> {
    try {
      await webPush.sendNotification({ endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } }, payload, {
        vapidDetails: this.vapid,
        TTL: TTL_SECONDS,
        urgency: urgent ? 'high' : 'normal',
        contentEncoding: 'aes128gcm',
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
