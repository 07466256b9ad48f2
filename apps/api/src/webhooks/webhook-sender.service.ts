import { request as httpRequest, Agent as HttpAgent } from 'node:http';
import { request as httpsRequest, Agent as HttpsAgent, globalAgent } from 'node:https';
import { isIP } from 'node:net';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { WEBHOOK_HEADERS, type WebhookEventType } from '@akiwa/contracts';
import { ENV, type ResolvedEnv } from '../config/env';
import { addressAllowed, guardedLookup } from './webhook-address';
import { webhookSignature } from './webhook-signature';

export interface WebhookRequest {
  url: string;
  secret: string;
  deliveryId: string;
  event: WebhookEventType;
  body: string;
  /** Signed into the header (the injected clock's now). */
  at: Date;
}

/** 2xx: delivered; anything else (with the HTTP status when there was one) failed. */
export type WebhookOutcome = { ok: true; status: number } | { ok: false; status: number | null; error: string };

const CONCURRENCY = 16;
const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * One POST per attempt, signed, over kept-alive connections; redirects are not followed (a 3xx is a
 * failure) and every connection goes through the SSRF guard (the address actually connected to).
 */
@Injectable()
export class WebhookSender implements OnApplicationShutdown {
  private readonly lookup;
  private readonly https: HttpsAgent;
  private readonly http: HttpAgent;

  constructor(@Inject(ENV) private readonly env: ResolvedEnv) {
    this.lookup = guardedLookup(env.WEBHOOK_ALLOW_LOOPBACK);
    // the process's TLS options (NODE_EXTRA_CA_CERTS) plus keep-alive and the guard
    this.https = new HttpsAgent({ ...globalAgent.options, keepAlive: true, maxSockets: CONCURRENCY, lookup: this.lookup });
    this.http = new HttpAgent({ keepAlive: true, maxSockets: CONCURRENCY, lookup: this.lookup });
  }

  onApplicationShutdown() {
    this.https.destroy();
    this.http.destroy();
  }

  readonly concurrency = CONCURRENCY;

  send(r: WebhookRequest): Promise<WebhookOutcome> {
    const url = new URL(r.url);
    // a literal address is connected to without a lookup: the guard checks it here
    const literal = url.hostname.replace(/^\[|\]$/g, '');
    if (isIP(literal) && !addressAllowed(literal, this.env.WEBHOOK_ALLOW_LOOPBACK)) {
      return Promise.resolve({ ok: false, status: null, error: `宛先が内部ネットワークです (${literal})` });
    }
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && this.env.WEBHOOK_ALLOW_LOOPBACK)) {
      return Promise.resolve({ ok: false, status: null, error: 'https 以外の宛先には送りません' });
    }
    const headers = {
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(Buffer.byteLength(r.body)),
      'user-agent': 'Akiwa-Webhooks/1',
      [WEBHOOK_HEADERS.signature]: webhookSignature(r.secret, r.body, r.at),
      [WEBHOOK_HEADERS.delivery]: r.deliveryId,
      [WEBHOOK_HEADERS.event]: r.event,
    };
    const timeout = this.env.WEBHOOK_TIMEOUT_MS;
    return new Promise<WebhookOutcome>((resolve) => {
      const done = (o: WebhookOutcome) => {
        clearTimeout(timer);
        resolve(o);
      };
      const req = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, { method: 'POST', headers, agent: url.protocol === 'https:' ? this.https : this.http }, (res) => {
        // only the status counts: the body is discarded, and cut off past a few KiB or the timeout, so
        // an endpoint cannot hold a connection of the pool with an endless answer
        let bytes = 0;
        res.on('data', (chunk: Buffer) => {
          if ((bytes += chunk.length) > MAX_ANSWER_BYTES) res.destroy();
        });
        res.on('error', () => undefined);
        setTimeout(() => res.destroy(), timeout).unref();
        const status = res.statusCode ?? 0;
        if (status >= 200 && status < 300) done({ ok: true, status });
        else done({ ok: false, status, error: `HTTP ${status}${status >= 300 && status < 400 ? '（転送には従いません）' : ''}` });
      });
      // the whole exchange, not only an idle socket, is bounded
      const timer = setTimeout(() => {
        req.destroy();
        done({ ok: false, status: null, error: `${timeout} ms 以内に応答がありません` });
      }, timeout);
      req.on('error', (err: NodeJS.ErrnoException) => done({ ok: false, status: null, error: describe(err) }));
      req.end(r.body);
    });
  }
}

function describe(err: NodeJS.ErrnoException): string {
  if (err.code === 'EWEBHOOKBLOCKED') return `宛先が内部ネットワークです (${err.message})`;
  if (err.code === 'ECONNREFUSED') return '接続を拒否されました (ECONNREFUSED)';
  if (err.code === 'ENOTFOUND' || err.code === 'EAI_AGAIN') return `ホスト名を解決できません (${err.code})`;
  if (err.code?.startsWith('ERR_TLS') || err.code?.includes('CERT')) return `TLS の検証に失敗しました (${err.code})`;
  return `送信できません (${err.code ?? err.message})`;
}
