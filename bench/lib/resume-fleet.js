'use strict';
/**
 * A child process holding coordinators' board sockets that keep the durable event stream's place the
 * way the web app does (apps/web/src/lib/socket/event-stream.ts): every event's `eventId` is recorded
 * with its arrival time (wall clock, performance.timeOrigin + performance.now()) and the highest is
 * the client's last event id. Used by `failover` (instance killed: each client reconnects to the
 * other instance with `auth.lastEventId`, joins its board again, asks `events:replay`) and by
 * `event-replay` (one client reconnecting with a given last event id, timed to its last missed event).
 * As a module (the measurer's side): `startResumeFleets`.
 */
const { now, pool, failureTally, serveFleet, fleetControl } = require('./fleet-ipc');

if (require.main === module) {
  const { io } = require('socket.io-client');
  /** { token, area, last, events: [id, t, id, t, …], socket, drop: {…} } */
  const clients = [];
  let failover = null;

  const open = (c, url, auth, timeoutMs) =>
    new Promise((resolve, reject) => {
      const s = io(url, { transports: ['websocket'], auth: { token: c.token, ...auth }, reconnection: false, forceNew: true, timeout: timeoutMs });
      const timer = setTimeout(() => {
        s.disconnect();
        reject(new Error('session:ready timeout'));
      }, timeoutMs);
      s.onAny((_event, payload) => {
        const id = payload?.eventId;
        if (typeof id !== 'number') return;
        c.events.push(id, now());
        if (id > c.last) c.last = id;
        c.onEvent?.();
      });
      s.once('connect_error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
      s.once('session:ready', async (ready) => {
        clearTimeout(timer);
        try {
          c.ready = now();
          const ack = await s.timeout(timeoutMs).emitWithAck('vacancies:subscribe', c.area);
          if (!ack?.ok) throw new Error(`subscribe refused: ${JSON.stringify(ack)}`);
          c.subscribed = now();
          resolve({ s, head: ready.lastEventId });
        } catch (e) {
          s.disconnect();
          reject(e);
        }
      });
    });

  /** After the instance went away: wait like socket.io's first reconnection attempt, then resume on the other. */
  const resume = async (c) => {
    const { url, delayMs, jitter, timeoutMs, attempts } = failover;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      await new Promise((r) => setTimeout(r, delayMs * (1 + jitter * (2 * Math.random() - 1)) * Math.min(attempt, 5)));
      c.drop.attempt = now();
      c.drop.firstAttempt ??= c.drop.attempt;
      c.drop.attempts = attempt;
      try {
        const after = c.last;
        const { s } = await open(c, url, { lastEventId: after }, timeoutMs);
        c.socket = s;
        const ack = await s.timeout(timeoutMs).emitWithAck('events:replay', { after });
        if (!ack?.ok) throw new Error(`replay refused: ${JSON.stringify(ack)}`);
        c.drop.replayed = now();
        c.drop.ready = c.ready;
        c.drop.subscribed = c.subscribed;
        c.drop.answer = ack.data;
        return;
      } catch (e) {
        c.drop.error = String(e.message ?? e).slice(0, 200);
      }
    }
    c.drop.gaveUp = true;
  };

  serveFleet({
    clock: async () => now(),

    /** {url, token, areas[], offset, count, concurrency}: boards subscribed round-robin to `areas` from `offset`. */
    async connect({ url, token, areas, offset = 0, count, concurrency = 50, timeoutMs = 15_000 }) {
      const t0 = now();
      const failures = failureTally();
      await pool(Array.from({ length: count }, (_, i) => i), concurrency, async (i) => {
        const c = { token, area: areas[(offset + i) % areas.length], areaIndex: (offset + i) % areas.length, last: 0, events: [], socket: null, drop: null };
        try {
          const { s, head } = await open(c, url, {}, timeoutMs);
          c.last = Math.max(c.last, head);
          c.socket = s;
          s.once('disconnect', () => {
            c.drop = { at: now() };
            if (failover) void resume(c);
          });
          clients.push(c);
        } catch (e) {
          failures.add(e);
        }
      });
      return { connected: clients.length, failed: failures.failed, errors: failures.errors, ms: Math.round(now() - t0) };
    },

    /** From now on a client whose socket drops resumes on `url` (first attempt after delayMs ± jitter, like socket.io's reconnection). */
    async arm({ url, delayMs = 1000, jitter = 0.5, timeoutMs = 15_000, attempts = 5 }) {
      failover = { url, delayMs, jitter, timeoutMs, attempts };
      return {};
    },

    async status() {
      return {
        clients: clients.length,
        dropped: clients.filter((c) => c.drop).length,
        resumed: clients.filter((c) => c.drop?.replayed).length,
        // given up after its last attempt (one whose attempt failed and who is still retrying is neither)
        failed: clients.filter((c) => c.drop?.gaveUp).length,
      };
    },

    /** Per client: its area index, the events after `since` ([id, t] flattened) and its drop and resumption times. */
    async report({ since = 0 }) {
      return clients.map((c) => {
        const events = [];
        for (let i = 0; i < c.events.length; i += 2) if (c.events[i] > since) events.push(c.events[i], c.events[i + 1]);
        return { area: c.areaIndex, events, drop: c.drop };
      });
    },

    /**
     * One client reconnecting with `after` as its last event id: connect (auth.lastEventId), join the
     * board, ask events:replay; resolves when `expect` events after `after` have arrived and the
     * replay is answered, with the times from the start (ms) and the event ids in arrival order.
     */
    async replayOnce({ url, token, area, after, expect, timeoutMs = 15_000 }) {
      const c = { token, area, last: after, events: [] };
      const t0 = now();
      const { s } = await open(c, url, { lastEventId: after }, timeoutMs);
      try {
        const got = new Promise((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`replay: ${c.events.length / 2} of ${expect} events within ${timeoutMs} ms`)), timeoutMs);
          c.onEvent = () => {
            if (c.events.length / 2 < expect) return;
            c.onEvent = null;
            clearTimeout(timer);
            resolve(c.events[c.events.length - 1]);
          };
        });
        got.catch(() => undefined); // awaited below, unless the replay itself failed
        const ack = await s.timeout(timeoutMs).emitWithAck('events:replay', { after });
        const acked = now();
        const last = await got;
        const ids = c.events.filter((_, i) => i % 2 === 0);
        return { readyMs: c.ready - t0, subscribedMs: c.subscribed - t0, ackMs: acked - t0, firstMs: c.events[1] - t0, lastMs: last - t0, ids, answer: ack?.data ?? ack };
      } finally {
        s.disconnect();
      }
    },

    async info() {
      return { clients: clients.length, rssKb: Math.round(process.memoryUsage().rss / 1024) };
    },

    async close() {
      failover = null;
      for (const c of clients.splice(0)) c.socket?.disconnect();
      return {};
    },
  });
}

/** `n` resume-fleet children; `connect` spreads `total` boards over them. */
function startResumeFleets(n, registry) {
  const { spawnNode } = require('./api');
  const children = [];
  for (let i = 0; i < n; i++) {
    const child = spawnNode([__filename], { name: `resume-fleet${i}` });
    registry?.add(child);
    children.push(child);
  }
  const control = fleetControl(children, registry);
  const { call } = control;
  const all = (cmd, arg, ms) => Promise.all(children.map((f) => call(f, cmd, arg, ms)));
  return {
    ...control,
    async connect(arg, total) {
      const per = children.map((_, i) => Math.floor(total / n) + (i < total % n ? 1 : 0));
      const offsets = per.map((_, i) => per.slice(0, i).reduce((a, b) => a + b, 0));
      const res = await Promise.all(children.map((f, i) => call(f, 'connect', { ...arg, count: per[i], offset: offsets[i] }, 180_000)));
      return { perFleet: res, connected: res.reduce((s, r) => s + r.connected, 0), failed: res.reduce((s, r) => s + r.failed, 0) };
    },
    arm: (arg) => all('arm', arg),
    async status() {
      const res = await all('status');
      return Object.fromEntries(['clients', 'dropped', 'resumed', 'failed'].map((k) => [k, res.reduce((s, r) => s + r[k], 0)]));
    },
    report: async (since) => (await all('report', { since }, 120_000)).flat(),
    replayOnce: (arg) => call(children[0], 'replayOnce', arg, (arg.timeoutMs ?? 15_000) + 10_000),
  };
}

module.exports = { startResumeFleets, now };
