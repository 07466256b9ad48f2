'use strict';
/**
 * A child process holding provider staff sockets (socket.io, websocket transport), one token each,
 * driven over IPC like bench/lib/fleet.js: each socket joins its organisation room on connect (the
 * API does that), and every `request:received` is recorded with its arrival time (wall clock,
 * performance.timeOrigin + performance.now()) and the organisation of the socket, keyed by requestId.
 * As a module (the measurer's side): `startInboxFleets`.
 */
const path = require('node:path');

const { now, pool, failureTally, serveFleet, fleetControl } = require('./fleet-ipc');

if (require.main === module) {
  const { io } = require('socket.io-client');
  const sockets = [];
  /** requestId → { t: [], org: [] } */
  const arrivals = new Map();
  const waiters = new Map();
  let received = 0;
  let payloadBytes = null;
  let samplePayload = null;

  const take = (key) => {
    const a = arrivals.get(key) ?? { t: [], org: [] };
    arrivals.delete(key);
    return a;
  };
  const record = (key, org) => {
    const t = now();
    received++;
    let a = arrivals.get(key);
    if (!a) arrivals.set(key, (a = { t: [], org: [] }));
    a.t.push(t);
    a.org.push(org);
    const w = waiters.get(key);
    if (w && a.t.length >= w.count) {
      waiters.delete(key);
      clearTimeout(w.timer);
      w.resolve(take(key));
    }
  };

  const connect = (url, token, timeoutMs) =>
    new Promise((resolve, reject) => {
      const s = io(url, { transports: ['websocket'], auth: { token }, reconnection: false, forceNew: true, timeout: timeoutMs });
      const timer = setTimeout(() => {
        s.disconnect();
        reject(new Error('session:ready timeout'));
      }, timeoutMs);
      s.once('connect_error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
      s.once('session:ready', (session) => {
        clearTimeout(timer);
        resolve({ s, org: session.organisationId });
      });
    });

  const handlers = {
    clock: async () => now(),
    /** {url, tokens[] (one socket each), concurrency} */
    async connect({ url, tokens, concurrency = 50, timeoutMs = 15_000 }) {
      const t0 = now();
      const failures = failureTally();
      await pool(tokens, concurrency, async (token) => {
        try {
          const { s, org } = await connect(url, token, timeoutMs);
          s.on('request:received', (p) => {
            payloadBytes ??= Buffer.byteLength(JSON.stringify(p));
            samplePayload ??= p;
            record(p.item.requestId, org);
          });
          sockets.push(s);
        } catch (e) {
          failures.add(e);
        }
      });
      return { connected: sockets.length, failed: failures.failed, errors: failures.errors, ms: Math.round(now() - t0) };
    },
    /** Arrivals of `key` once `count` sockets have it, or whatever arrived within timeoutMs. */
    waitFor({ key, count, timeoutMs = 3000 }) {
      if ((arrivals.get(key)?.t.length ?? 0) >= count) return Promise.resolve(take(key));
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          waiters.delete(key);
          resolve(take(key));
        }, timeoutMs);
        waiters.set(key, { count, resolve, timer });
      });
    },
    /** Arrivals not taken yet (late or unexpected), by key. */
    async leftovers() {
      return Object.fromEntries([...arrivals].map(([k, a]) => [k, a.t.length]));
    },
    async info() {
      return { sockets: sockets.length, received, payloadBytes, samplePayload, rssKb: Math.round(process.memoryUsage().rss / 1024) };
    },
    async close() {
      for (const s of sockets.splice(0)) s.disconnect();
      return {};
    },
  };

  serveFleet(handlers);
}

/** `n` inbox fleet children; `tokensPerFleet[i]` are the tokens fleet i connects with (one socket each). */
function startInboxFleets(n, registry) {
  const { spawnNode } = require('./api');
  const children = [];
  for (let i = 0; i < n; i++) {
    const child = spawnNode([__filename], { name: `inbox-fleet${i}` });
    registry?.add(child);
    children.push(child);
  }
  const control = fleetControl(children, registry);
  const { call } = control;
  return {
    ...control,
    async connect(url, tokensPerFleet, concurrency = 50) {
      const res = await Promise.all(children.map((f, i) => call(f, 'connect', { url, tokens: tokensPerFleet[i], concurrency }, 180_000)));
      return { perFleet: res, connected: res.reduce((s, r) => s + r.connected, 0), failed: res.reduce((s, r) => s + r.failed, 0) };
    },
    /** Waits until fleet i has counts[i] arrivals of `key` (a fleet expecting 0 is not asked); returns {t[], org[]}. */
    async waitFor(key, counts, timeoutMs = 3000) {
      const res = await Promise.all(children.map((f, i) => (counts[i] ? call(f, 'waitFor', { key, count: counts[i], timeoutMs }, timeoutMs + 10_000) : { t: [], org: [] })));
      return { t: res.flatMap((r) => r.t), org: res.flatMap((r) => r.org) };
    },
    leftovers: () => Promise.all(children.map((f) => call(f, 'leftovers'))),
  };
}

module.exports = { startInboxFleets, now, FLEET_SCRIPT: path.resolve(__filename) };
