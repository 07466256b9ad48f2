'use strict';
/**
 * A child process holding many client sockets (socket.io or bare ws), driven over IPC by the bench so
 * the clients do not share an event loop with the measurer. Records the arrival time of every event
 * (wall clock in ms with µs resolution: performance.timeOrigin + performance.now()) keyed by an id the
 * measurer knows, and hands the times back on request.
 */
const { io } = require('socket.io-client');
const WebSocket = require('ws');

const { now, pool, failureTally, serveFleet } = require('./fleet-ipc');
const sockets = [];
/** key → arrival times */
const arrivals = new Map();
/** key → { count, resolve, timer } */
const waiters = new Map();
let payloadBytes = null;
let samplePayload = null;
/** Events received by sockets connected with `countOnly` (sustained load: counted, not timed). */
let delivered = 0;

function record(key) {
  const t = now();
  let a = arrivals.get(key);
  if (!a) arrivals.set(key, (a = []));
  a.push(t);
  const w = waiters.get(key);
  if (w && a.length >= w.count) {
    waiters.delete(key);
    clearTimeout(w.timer);
    w.resolve(take(key));
  }
}

function take(key) {
  const a = arrivals.get(key) ?? [];
  arrivals.delete(key);
  return a;
}

function connectSocketIo(url, token, timeoutMs) {
  return new Promise((resolve, reject) => {
    const s = io(url, { transports: ['websocket'], auth: { token }, reconnection: false, forceNew: true, timeout: timeoutMs });
    const timer = setTimeout(() => {
      s.disconnect();
      reject(new Error('session:ready timeout'));
    }, timeoutMs);
    s.once('connect_error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    s.once('session:ready', () => {
      clearTimeout(timer);
      resolve(s);
    });
  });
}

function connectWs(url, timeoutMs) {
  return new Promise((resolve, reject) => {
    const s = new WebSocket(url, { perMessageDeflate: false });
    const timer = setTimeout(() => {
      s.terminate();
      reject(new Error('ws open timeout'));
    }, timeoutMs);
    s.once('open', () => {
      clearTimeout(timer);
      resolve(s);
    });
    s.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

const handlers = {
  clock: async () => now(),

  /** {kind, url, tokens[], count, areas[] (socket.io: round-robin subscriptions from `offset`), countOnly, concurrency} */
  async connect({ kind, url, tokens, count, areas, offset = 0, countOnly = false, concurrency = 50, timeoutMs = 15_000 }) {
    const t0 = now();
    const failures = failureTally();
    await pool(Array.from({ length: count }, (_, i) => i), concurrency, async (i) => {
      try {
        if (kind === 'socketio') {
          const s = await connectSocketIo(url, tokens[i % tokens.length], timeoutMs);
          if (areas?.length) {
            const area = areas[(offset + i) % areas.length];
            const ack = await s.timeout(timeoutMs).emitWithAck('vacancies:subscribe', area);
            if (!ack?.ok) throw new Error(`subscribe refused: ${JSON.stringify(ack)}`);
          }
          if (countOnly) {
            s.on('vacancy:changed', () => delivered++);
            sockets.push(s);
            return;
          }
          s.on('vacancy:changed', (p) => {
            payloadBytes ??= Buffer.byteLength(JSON.stringify(p));
            samplePayload ??= p;
            record(`${p.unitId}:${p.vacancyVersion}`);
          });
          sockets.push(s);
        } else {
          const s = await connectWs(url, timeoutMs);
          s.on('message', (data) => {
            const str = data.toString();
            payloadBytes ??= Buffer.byteLength(str);
            record(JSON.parse(str).id);
          });
          sockets.push(s);
        }
      } catch (e) {
        failures.add(e);
      }
    });
    return { connected: sockets.length, failed: failures.failed, errors: failures.errors, ms: Math.round(now() - t0) };
  },

  /** Arrival times of `key` once `count` sockets have it, or whatever arrived within timeoutMs. */
  waitFor({ key, count, timeoutMs = 3000 }) {
    const have = arrivals.get(key)?.length ?? 0;
    if (have >= count) return Promise.resolve(take(key));
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        waiters.delete(key);
        resolve(take(key));
      }, timeoutMs);
      waiters.set(key, { count, resolve, timer });
    });
  },

  /** Events counted since the last call. */
  async delivered() {
    const n = delivered;
    delivered = 0;
    return { delivered: n };
  },

  async drop() {
    const n = arrivals.size;
    arrivals.clear();
    return { dropped: n };
  },

  async info() {
    return { sockets: sockets.length, payloadBytes, samplePayload, rssKb: Math.round(process.memoryUsage().rss / 1024) };
  },

  async close() {
    for (const s of sockets.splice(0)) {
      if (s.disconnect) s.disconnect();
      else s.terminate();
    }
    return {};
  },
};

serveFleet(handlers);
