import { createECDH, createPublicKey, randomBytes, verify } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { globalAgent, createServer, type Server } from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';

// http_ece (the RFC 8188/8291 reference implementation web-push itself uses) ships no types
const ece = createRequire(__filename)('http_ece') as { decrypt(buffer: Buffer, params: { version: string; privateKey: unknown; authSecret: string }): Buffer };

/** One request the stand-in push service received (RFC 8030), with its payload decrypted (RFC 8291). */
export interface ReceivedPush {
  device: string;
  headers: IncomingHttpHeaders;
  /** The VAPID JWT's claims, after its signature was verified with the key in the header (RFC 8292). */
  vapid: { aud: string; exp: number; sub: string; publicKey: string };
  payload: { title: string; body: string; url: string; tag?: string; urgent?: boolean };
  at: number;
}

export interface Device {
  name: string;
  subscription: { endpoint: string; keys: { p256dh: string; auth: string } };
}

/**
 * A local stand-in for a browser vendor's push service: each device gets an endpoint and its own
 * keys (like a browser's PushSubscription); a device marked gone answers 410 Gone.
 */
export async function startPushService() {
  // push services are HTTPS: a throwaway certificate for 127.0.0.1, trusted by this test process only
  const dir = mkdtempSync(join(tmpdir(), 'akiwa-push-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
  const tls = { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  rmSync(dir, { recursive: true, force: true });
  globalAgent.options.ca = [tls.cert];

  const keys = new Map<string, { ecdh: ReturnType<typeof createECDH>; auth: string }>();
  const gone = new Set<string>();
  const received: ReceivedPush[] = [];
  const waiters: { pred: (p: ReceivedPush) => boolean; resolve: (p: ReceivedPush) => void }[] = [];
  const refusals: string[] = [];

  const server: Server = createServer(tls, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const device = decodeURIComponent((req.url ?? '').replace(/^\/push\//, ''));
      const key = keys.get(device);
      if (req.method !== 'POST' || !key) return void res.writeHead(404).end();
      if (gone.has(device)) {
        refusals.push(device);
        return void res.writeHead(410).end();
      }
      try {
        const vapid = checkVapid(req.headers.authorization ?? '');
        const plain = ece.decrypt(Buffer.concat(chunks), { version: 'aes128gcm', privateKey: key.ecdh, authSecret: key.auth });
        const push: ReceivedPush = { device, headers: req.headers, vapid, payload: JSON.parse(plain.toString('utf8')), at: Date.now() };
        received.push(push);
        for (const w of [...waiters]) {
          if (!w.pred(push)) continue;
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(push);
        }
        res.writeHead(201, { location: `/message/${received.length}` }).end();
      } catch (err) {
        res.writeHead(400).end(String(err));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    base,
    received,
    refusals,
    device(name: string): Device {
      const ecdh = createECDH('prime256v1');
      ecdh.generateKeys();
      const auth = randomBytes(16).toString('base64url');
      keys.set(name, { ecdh, auth });
      return { name, subscription: { endpoint: `${base}/push/${encodeURIComponent(name)}`, keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth } } };
    },
    markGone(name: string) {
      gone.add(name);
    },
    next(pred: (p: ReceivedPush) => boolean, ms = 8000): Promise<ReceivedPush> {
      const found = received.find(pred);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no matching push arrived')), ms);
        waiters.push({ pred, resolve: (p) => (clearTimeout(timer), resolve(p)) });
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** `Authorization: vapid t=<JWT>, k=<public key>`: checks the ES256 signature with k and returns the claims. */
function checkVapid(header: string): ReceivedPush['vapid'] {
  const m = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(header);
  if (!m) throw new Error(`not a VAPID authorization: ${header}`);
  const [, jwt, k] = m;
  const [h, p, s] = jwt.split('.');
  const raw = Buffer.from(k, 'base64url');
  const key = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: raw.subarray(1, 33).toString('base64url'), y: raw.subarray(33, 65).toString('base64url') }, format: 'jwk' });
  if (!verify('sha256', Buffer.from(`${h}.${p}`), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(s, 'base64url'))) throw new Error('bad VAPID signature');
  if (JSON.parse(Buffer.from(h, 'base64url').toString()).alg !== 'ES256') throw new Error('VAPID alg must be ES256');
  return { ...JSON.parse(Buffer.from(p, 'base64url').toString()), publicKey: k };
}
