'use strict';
/**
 * A local stand-in for a browser vendor's push service (RFC 8030), shared by the API's tests
 * (apps/api/test/push.e2e-spec.ts) and the `web-push` benchmark (bench/benchmarks/web-push.js):
 * each device gets an endpoint and its own keys (like a browser's PushSubscription); every request's
 * VAPID JWT is verified (RFC 8292) and its payload decrypted (RFC 8291) before it is accepted with
 * 201; a device marked gone answers 410 Gone. Plain CommonJS so that the benchmarks (plain node) and
 * the tests (TypeScript through swc, types in index.d.ts) use the same code.
 */
const { createECDH, createPublicKey, randomBytes, verify } = require('node:crypto');
const { execFileSync } = require('node:child_process');
const { mkdtempSync, readFileSync, rmSync } = require('node:fs');
const { globalAgent, createServer } = require('node:https');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
// http_ece: the RFC 8188/8291 reference implementation web-push itself uses
const ece = require('http_ece');

/**
 * Starts the service on 127.0.0.1 (a free port) with a throwaway certificate for 127.0.0.1.
 * `trustInThisProcess` (default true): this process's https.globalAgent trusts the certificate (an
 * API in the same process); an API in a child process is given `cert` through NODE_EXTRA_CA_CERTS.
 * `keep` (default true): every accepted push is kept in `received`; `onPush` sees each one either way.
 */
async function startPushService({ trustInThisProcess = true, keep = true, onPush } = {}) {
  // push services are HTTPS
  const dir = mkdtempSync(join(tmpdir(), 'akiwa-push-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
  const tls = { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  rmSync(dir, { recursive: true, force: true });
  if (trustInThisProcess) globalAgent.options.ca = [tls.cert];

  const keys = new Map();
  const gone = new Set();
  const received = [];
  const waiters = [];
  const refusals = [];
  /** maxInFlight: the most requests open at once (what a sender's concurrency bound shows as). */
  const counts = { accepted: 0, refused: 0, bad: 0, inFlight: 0, maxInFlight: 0 };

  const server = createServer(tls, (req, res) => {
    counts.maxInFlight = Math.max(counts.maxInFlight, ++counts.inFlight);
    res.once('close', () => counts.inFlight--);
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const device = decodeURIComponent((req.url ?? '').replace(/^\/push\//, ''));
      const key = keys.get(device);
      if (req.method !== 'POST' || !key) return void res.writeHead(404).end();
      if (gone.has(device)) {
        refusals.push(device);
        counts.refused++;
        return void res.writeHead(410).end();
      }
      try {
        const vapid = checkVapid(req.headers.authorization ?? '');
        const plain = ece.decrypt(Buffer.concat(chunks), { version: 'aes128gcm', privateKey: key.ecdh, authSecret: key.auth });
        // `t`: the instant it was accepted, on the clock the benchmarks use (µs resolution)
        const push = { device, headers: req.headers, vapid, payload: JSON.parse(plain.toString('utf8')), at: Date.now(), t: performance.timeOrigin + performance.now() };
        counts.accepted++;
        if (keep) received.push(push);
        onPush?.(push);
        for (const w of [...waiters]) {
          if (!w.pred(push)) continue;
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(push);
        }
        res.writeHead(201, { location: `/message/${counts.accepted}` }).end();
      } catch (err) {
        counts.bad++;
        res.writeHead(400).end(String(err));
      }
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `https://127.0.0.1:${server.address().port}`;

  return {
    base,
    /** The service's certificate (PEM), for NODE_EXTRA_CA_CERTS of a process that pushes to it. */
    cert: tls.cert.toString(),
    received,
    refusals,
    counts,
    device(name) {
      const ecdh = createECDH('prime256v1');
      ecdh.generateKeys();
      const auth = randomBytes(16).toString('base64url');
      keys.set(name, { ecdh, auth });
      return { name, subscription: { endpoint: `${base}/push/${encodeURIComponent(name)}`, keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth } } };
    },
    markGone(name) {
      gone.add(name);
    },
    // generous: the dispatcher, the escalation poller and a loaded CI machine all sit between a commit and
    // its push; a push that never comes still fails, naming what was awaited
    next(pred, ms = 20000) {
      const found = received.find(pred);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no push matching ${pred} arrived within ${ms} ms`)), ms);
        waiters.push({ pred, resolve: (p) => (clearTimeout(timer), resolve(p)) });
      });
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

/** `Authorization: vapid t=<JWT>, k=<public key>`: checks the ES256 signature with k and returns the claims. */
function checkVapid(header) {
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

module.exports = { startPushService };
