'use strict';
/**
 * A load generator in its own process: vacancy adjustments (`POST /api/units/:id/vacancies/adjust`)
 * over many units, each unit owned by the organisation of the token used, keep-alive HTTP/1.1.
 * Tracks each unit's vacancy version and free beds from the responses, never has two requests in
 * flight for one unit (so 409s come only from outside writers), and picks +1/−1 so the beds stay
 * within 0..capacity.
 *   closed: `concurrency` loops, each sending its next request when the previous one answers.
 *   open:   requests started on a fixed schedule (`rate`/s) whatever the answers; latency counts from
 *           the scheduled start (no coordinated omission), in-flight capped at `maxInFlight`.
 */
const http = require('node:http');

const now = () => performance.now();
let units = [];
let cursor = 0;
let base;
let agent;

function pickUnit() {
  for (let i = 0; i < units.length; i++) {
    const u = units[(cursor + i) % units.length];
    if (!u.busy) {
      cursor = (cursor + i + 1) % units.length;
      return u;
    }
  }
  return null;
}

function post(path, token, body) {
  return new Promise((resolve) => {
    const data = JSON.stringify(body);
    const req = http.request(
      `${base}${path}`,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data), authorization: `Bearer ${token}` }, timeout: 30_000 },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          let json = null;
          try {
            json = JSON.parse(Buffer.concat(chunks).toString());
          } catch {
            /* keep null */
          }
          resolve({ status: res.statusCode, body: json });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e) => resolve({ status: `error:${e.code ?? e.message}`, body: null }));
    req.end(data);
  });
}

function get(path, token) {
  return new Promise((resolve) => {
    http
      .get(`${base}${path}`, { agent, headers: { authorization: `Bearer ${token}` }, timeout: 30_000 }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode, body: JSON.parse(Buffer.concat(chunks).toString() || 'null') }));
      })
      .on('error', (e) => resolve({ status: `error:${e.code}`, body: null }));
  });
}

function apply(u, view) {
  u.version = view.vacancyVersion;
  for (const n of view.nights ?? []) if (n.gender === u.gender) u.free[n.night] = n.free;
}

/** One adjustment on the next free unit; resolves with its outcome. */
async function one(stats) {
  const u = pickUnit();
  if (!u) {
    stats.noUnit++;
    return null;
  }
  u.busy = true;
  try {
    const night = u.nights[Math.floor(Math.random() * u.nights.length)];
    const free = u.free[night] ?? 0;
    const delta = free >= u.capacity ? -1 : free <= 0 ? 1 : Math.random() < 0.5 ? 1 : -1;
    const r = await post(`/api/units/${u.id}/vacancies/adjust`, u.token, { night, gender: u.gender, delta, expectedVersion: u.version });
    if (r.status === 200) apply(u, r.body);
    else if (r.status === 409 && r.body?.current?.vacancyVersion !== undefined) apply(u, r.body.current);
    else if (r.status === 503) {
      // refused by the admission gate before any work: the unit's state is unchanged, nothing to refetch
    } else {
      const g = await get(`/api/units/${u.id}/vacancies?from=${u.nights[0]}&to=${u.nights[u.nights.length - 1]}`, u.token);
      if (g.status === 200) apply(u, g.body);
      if (stats.errorSamples.length < 5) stats.errorSamples.push({ status: r.status, body: r.body });
    }
    return r.status;
  } finally {
    u.busy = false;
  }
}

function newStats() {
  return { latencies: [], acceptedLatencies: [], shedLatencies: [], statuses: {}, noUnit: 0, errorSamples: [], maxInFlight: 0, dropped: 0 };
}

function count(stats, status, ms) {
  if (status === null) return;
  stats.statuses[status] = (stats.statuses[status] ?? 0) + 1;
  stats.latencies.push(ms);
  // answered (200, or 409 with the current state) vs refused at the door (503 + Retry-After)
  if (status === 200 || status === 409) stats.acceptedLatencies.push(ms);
  else if (status === 503) stats.shedLatencies.push(ms);
}

async function closed({ concurrency, durationMs }) {
  const stats = newStats();
  const t0 = now();
  const end = t0 + durationMs;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (now() < end) {
        const t = now();
        const s = await one(stats);
        count(stats, s, now() - t);
        if (s === null) await new Promise((r) => setTimeout(r, 1));
      }
    }),
  );
  return { ...stats, wallMs: now() - t0 };
}

async function open({ rate, durationMs, maxInFlight }) {
  const stats = newStats();
  const t0 = now();
  const total = Math.floor((rate * durationMs) / 1000);
  const interval = 1000 / rate;
  let inFlight = 0;
  const pending = [];
  for (let i = 0; i < total; i++) {
    const scheduled = t0 + i * interval;
    const wait = scheduled - now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    if (inFlight >= maxInFlight) {
      stats.dropped++; // the server is this far behind: counted, not sent
      continue;
    }
    inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, inFlight);
    pending.push(
      one(stats).then((s) => {
        inFlight--;
        count(stats, s, now() - scheduled);
      }),
    );
  }
  await Promise.all(pending);
  return { ...stats, sent: total - stats.dropped, wallMs: now() - t0 };
}

const handlers = {
  async setup(arg) {
    base = arg.url;
    agent = new http.Agent({ keepAlive: true, maxSockets: arg.maxSockets ?? 256 });
    units = arg.units.map((u) => ({ ...u, busy: false }));
    return { units: units.length };
  },
  closed,
  open,
};

process.on('message', async (msg) => {
  if (!msg || msg.type !== 'load') return;
  try {
    const result = await handlers[msg.cmd](msg.arg ?? {});
    process.send({ type: 'load', id: msg.id, ok: true, result });
  } catch (e) {
    process.send({ type: 'load', id: msg.id, ok: false, error: String(e?.stack ?? e) });
  }
});
process.on('disconnect', () => process.exit(0));
