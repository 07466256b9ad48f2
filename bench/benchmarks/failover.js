'use strict';
/**
 * Failover (issue 10). Two API instances on one database behind a redis-server of the benchmark's own
 * (free port), as deployed. 1,000 coordinators' boards (bench/lib/resume-fleet.js, in child processes
 * of their own: a fleet inside the measuring process falls behind under load) are connected to
 * instance A and subscribed to their areas; vacancy adjustments go to both instances at a steady rate
 * (a load process each). Then A is SIGKILLed. Each of its clients sees its socket drop, waits like
 * socket.io's first reconnection (1 s ± 50 %), connects to B with `auth.lastEventId` = the highest
 * event id it saw, joins its board again and asks `events:replay`.
 *
 * Time per client = from the SIGKILL until it is resumed on B and holds every event for its rooms
 * committed up to the kill (the highest position of events created at or before the SIGKILL; events
 * A committed but did not publish are sequenced and sent by B). After the writes stop, every client's
 * events are checked against the outbox over the whole run: each event for its rooms exactly once,
 * nothing for other rooms, in increasing id order across the failover.
 */
const path = require('node:path');
const { startApi, login, spawnNode, sharedSecrets, sleep } = require('../lib/api');
const { startResumeFleets, now } = require('../lib/resume-fleet');
const { startRedis } = require('../lib/redis-server');
const { boardAreas, boardRoom, ownRooms, adjustableUnits } = require('../lib/boards');
const { summarize } = require('../lib/stats');
const { cpuMeter, cpuSplitOf } = require('../lib/proc');
const { summarizeProfile } = require('../lib/profile');
const { metric } = require('../lib/results');
const { withClient } = require('../lib/db');
const dates = require('../lib/dates');

const DEFAULTS = {
  clients: 1000,
  fleets: 2,
  organisations: 96,
  /** Adjustments per second over both instances (half each). */
  rate: 100,
  beforeKillMs: 5000,
  afterKillMs: 8000,
  /** The clients' reconnection: first attempt after delayMs ± jitter (socket.io's defaults), then backing off. */
  reconnect: { delayMs: 1000, jitter: 0.5, timeoutMs: 15_000, attempts: 5 },
  resumeTimeoutMs: 60_000,
  /** The last part of beforeKillMs, over which B's CPU under the writes alone is measured. */
  steadyMs: 2000,
  settleMs: 3000,
};

/** Checks one client's received ids against the outbox's; → { missing, extra, duplicates, outOfOrder, caughtUpAt }. */
function check(client, events, roomsOf, cutoff) {
  const rooms = roomsOf(client.area);
  const expected = events.filter((e) => e.rooms.some((r) => rooms.has(r)));
  const got = new Map();
  let outOfOrder = 0;
  let duplicates = 0;
  let prev = -Infinity;
  for (let i = 0; i < client.events.length; i += 2) {
    const id = client.events[i];
    if (id <= prev) outOfOrder++;
    prev = Math.max(prev, id);
    if (got.has(id)) duplicates++;
    else got.set(id, client.events[i + 1]);
  }
  const want = new Set(expected.map((e) => e.position));
  let missing = 0;
  let lastRequired = -Infinity;
  for (const e of expected) {
    const t = got.get(e.position);
    if (t === undefined) missing++;
    else if (e.position <= cutoff) lastRequired = Math.max(lastRequired, t);
  }
  const extra = [...got.keys()].filter((id) => !want.has(id)).length;
  const missingBeforeCutoff = expected.filter((e) => e.position <= cutoff && !got.has(e.position)).length;
  return { expected: expected.length, required: expected.filter((e) => e.position <= cutoff).length, missing, missingBeforeCutoff, extra, duplicates, outOfOrder, lastRequired };
}

async function run(ctx) {
  const p = { ...DEFAULTS, ...(ctx.quick ? { clients: 300, fleets: 1, organisations: 48, rate: 50, beforeKillMs: 3000, afterKillMs: 5000 } : {}) };
  const q = (sql, params) => withClient(ctx.databaseUrl, (c) => c.query(sql, params).then((r) => r.rows));
  const redis = await startRedis(ctx.children);
  const env = { ...sharedSecrets(), REDIS_URL: redis.url };
  const [a, b] = await Promise.all([startApi(ctx.databaseUrl, { name: 'api-failover-a', env }), startApi(ctx.databaseUrl, { name: 'api-failover-b', env })]);
  for (const x of [a, b]) ctx.children.add(x.child);
  const workers = ['a', 'b'].map((n) => spawnNode([path.join(__dirname, '..', 'lib', 'load-worker.js')], { name: `load-${n}` }));
  for (const w of workers) ctx.children.add(w);
  const load = (w, cmd, arg, ms = 120_000) => w.call('load', cmd, arg, ms);
  const fleets = startResumeFleets(p.fleets, ctx.children);
  try {
    const today = dates.today();
    const nights = Array.from({ length: 30 }, (_, i) => dates.addDays(today, i + 1));
    const { units, organisations } = await adjustableUnits(ctx.databaseUrl, b.url, p.organisations, nights);
    // each instance takes half the units (a unit never has two writers: its 409s stay rare)
    await Promise.all(workers.map((w, i) => load(w, 'setup', { url: [a, b][i].url, units: units.filter((_, k) => k % 2 === i), maxSockets: 64 })));
    const coordinator = await login(b.url, 'coordinator@uki-kikan.example');
    const areas = await boardAreas(ctx.databaseUrl, p.clients);
    const conn = await fleets.connect({ url: a.url, token: coordinator, areas, concurrency: 50 }, p.clients);
    if (conn.failed) throw new Error(`boards failed to connect to A: ${JSON.stringify(conn.perFleet.map((f) => f.errors))}`);
    const clockOffsets = await fleets.clockOffsets(10);
    await fleets.arm({ url: b.url, ...p.reconnect });
    const own = ownRooms(coordinator);
    const roomSets = new Map();
    const roomsOf = (i) => roomSets.get(i) ?? roomSets.set(i, new Set([boardRoom(areas[i]), ...own])).get(i);

    const [{ head: since }] = await q(`SELECT coalesce(max(position), 0)::float8 AS head FROM outbox_events`);
    const duration = p.beforeKillMs + p.afterKillMs;
    const writes = workers.map((w) => load(w, 'open', { rate: p.rate / 2, durationMs: duration, maxInFlight: 64 }, duration + 120_000));
    await sleep(p.beforeKillMs - p.steadyMs);
    // B's CPU under the writes alone, before the kill: subtracted from the failover's to get what the reconnections cost
    const steady0 = { at: now(), ...cpuSplitOf(b.pid) };
    await sleep(p.steadyMs);
    // BENCH_FAILOVER_PROFILE=1: a CPU profile of B over the failover (development: it slows B a little);
    // =<file>.cpuprofile also keeps the whole profile there (for DevTools or an inclusive-time breakdown)
    const profiling = Boolean(process.env.BENCH_FAILOVER_PROFILE) && process.env.BENCH_FAILOVER_PROFILE !== '0';
    const profileFile = profiling && process.env.BENCH_FAILOVER_PROFILE !== '1' ? path.resolve(process.env.BENCH_FAILOVER_PROFILE) : null;
    if (profiling) await b.probe('profileStart');
    const meter = cpuMeter({ b: b.pid, fleet0: fleets.children[0].pid, fleet1: fleets.children[1]?.pid ?? 0 });
    const killedAt = now();
    const atKill = cpuSplitOf(b.pid);
    process.kill(a.pid, 'SIGKILL');
    let status;
    for (;;) {
      status = await fleets.status();
      if (status.resumed + status.failed >= status.clients) break;
      if (now() - killedAt > p.resumeTimeoutMs) break;
      await sleep(200);
    }
    const resumedWithinMs = now() - killedAt;
    const cpu = meter();
    const afterResume = cpuSplitOf(b.pid);
    let profile;
    if (profiling) {
      const raw = await b.probe('profileStop', null, 60_000);
      if (profileFile) require('node:fs').writeFileSync(profileFile, JSON.stringify(raw));
      profile = summarizeProfile(raw);
    }
    const [loadA, loadB] = await Promise.all(writes);
    for (let i = 0; (await q(`SELECT count(*)::int AS n FROM outbox_events WHERE position IS NULL`))[0].n > 0; i++) {
      if (i > 100) throw new Error('events stay unsequenced');
      await sleep(100);
    }
    await sleep(p.settleMs); // the last live deliveries
    const events = (await q(`SELECT position::float8 AS position, rooms, (extract(epoch FROM created_at) * 1000)::float8 AS created FROM outbox_events WHERE position > $1 ORDER BY position`, [since])).map((e) => ({ ...e, rooms: e.rooms }));
    const cutoff = events.filter((e) => e.created <= killedAt).reduce((m, e) => Math.max(m, e.position), since);
    const clients = await fleets.report(since);

    const caughtUp = [];
    // where a client's time went: its reconnection delay, the handshake, joining its board, the replay
    // (noticed: the drop seen; reconnectDelay: drop → first attempt; retried: first → last attempt; then the last attempt's steps)
    const phases = { noticed: [], reconnectDelay: [], retried: [], handshake: [], subscribe: [], replay: [] };
    const problems = { notDropped: 0, notResumed: 0, missing: 0, missingBeforeCutoff: 0, extra: 0, duplicates: 0, outOfOrder: 0 };
    const wrongSamples = [];
    let wrong = 0;
    let required = 0;
    let expected = 0;
    const attempts = {};
    for (const c of clients) {
      const r = check(c, events, roomsOf, cutoff);
      required += r.required;
      expected += r.expected;
      if (!c.drop) problems.notDropped++;
      else if (!c.drop.replayed) problems.notResumed++;
      else attempts[c.drop.attempts] = (attempts[c.drop.attempts] ?? 0) + 1;
      for (const k of ['missing', 'missingBeforeCutoff', 'extra', 'duplicates', 'outOfOrder']) problems[k] += r[k];
      const bad = !c.drop?.replayed || r.missing || r.extra || r.duplicates || r.outOfOrder;
      if (bad) {
        wrong++;
        // the arrivals around the first fault (id @ ms after the kill), to tell where it came from
        const ids = c.events.filter((_, i) => i % 2 === 0);
        const k = Math.max(0, ids.findIndex((id, i) => i > 0 && id <= ids[i - 1]) - 5);
        const around = [];
        for (let i = 2 * k; i < Math.min(c.events.length, 2 * k + 40); i += 2) around.push(`${c.events[i]}@${Math.round(c.events[i + 1] - killedAt)}`);
        const d = c.drop && { ...c.drop, at: c.drop.at - killedAt, attempt: c.drop.attempt - killedAt, replayed: c.drop.replayed - killedAt, resumeMs: c.drop.replayed - c.drop.attempt };
        wrongSamples.push({ area: areas[c.area], drop: d, ...r, lastRequired: undefined, around });
        continue;
      }
      caughtUp.push(Math.max(c.drop.replayed, r.lastRequired) - killedAt);
      phases.noticed.push(c.drop.at - killedAt);
      phases.reconnectDelay.push(c.drop.firstAttempt - c.drop.at);
      phases.retried.push(c.drop.attempt - c.drop.firstAttempt);
      phases.handshake.push(c.drop.ready - c.drop.attempt);
      phases.subscribe.push(c.drop.subscribed - c.drop.ready);
      phases.replay.push(c.drop.replayed - c.drop.subscribed);
    }
    const catchup = summarize(caughtUp);
    // B's CPU per reconnection: its CPU from the kill until every client resumed, less what its writes
    // cost. A write's cost is B's CPU over the steady window before the kill divided by B's writes in it
    // (half the events committed then: the instances write at the same rate), and B commits every event
    // after the kill; counted by commits, not by time, since a starved B serves fewer writes per second
    // (/proc ticks of 10 ms: ±0.02 ms per client)
    const resumedAt = killedAt + resumedWithinMs;
    const committedIn = (t0, t1) => events.filter((e) => e.created > t0 && e.created <= t1).length;
    const steadyWrites = committedIn(steady0.at, killedAt) / 2;
    const failoverWrites = committedIn(killedAt, resumedAt);
    const perWrite = { user: (atKill.user - steady0.user) / Math.max(1, steadyWrites), sys: (atKill.sys - steady0.sys) / Math.max(1, steadyWrites) };
    const perReconnect = (k) => Math.round(((afterResume[k] - atKill[k] - perWrite[k] * failoverWrites) / clients.length) * 1000) / 1000;
    const survivorCpu = {
      failoverMs: { user: afterResume.user - atKill.user, sys: afterResume.sys - atKill.sys },
      writes: { steady: steadyWrites, steadyMs: Math.round(killedAt - steady0.at), failover: failoverWrites, perWriteMs: { user: Math.round(perWrite.user * 100) / 100, sys: Math.round(perWrite.sys * 100) / 100 } },
      perReconnectMs: { user: perReconnect('user'), sys: perReconnect('sys'), total: Math.round((perReconnect('user') + perReconnect('sys')) * 1000) / 1000 },
    };
    const everyClientMs = wrong ? null : catchup.max;
    const result = {
      catchup,
      everyClientMs,
      resumedWithinMs: Math.round(resumedWithinMs),
      phases: Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, summarize(v)])),
      cpu,
      survivorCpu,
      profile,
      status,
      attempts,
      wrong,
      problems,
      // duplicates and disorder first: they say more than a missing event
      wrongSamples: wrongSamples.sort((x, y) => y.duplicates + y.outOfOrder - (x.duplicates + x.outOfOrder)).slice(0, 5),
      events: { total: events.length, since, cutoff, upToKill: events.filter((e) => e.position <= cutoff).length, perClientExpected: Math.round(expected / clients.length), perClientRequired: Math.round(required / clients.length) },
      writes: {
        units: units.length,
        organisations,
        a: { statuses: loadA.statuses, sent: loadA.sent, dropped: loadA.dropped },
        b: { statuses: loadB.statuses, sent: loadB.sent, dropped: loadB.dropped, latency: summarize(loadB.acceptedLatencies) },
      },
      connect: conn.perFleet.map((f) => ({ connected: f.connected, ms: f.ms })),
      clockOffsets,
    };
    return {
      parameters: { ...p, client: 'coordinator@uki-kikan.example, one board socket each (municipality/region/prefecture as in sustained-updates)', transport: 'websocket', redis: 'own redis-server, free port' },
      metrics: [
        metric('failover_catchup_p50', catchup.p50, 'ms', null, { note: 'SIGKILL of A → client resumed on B with every event for its rooms up to the kill' }),
        metric('failover_catchup_p99', catchup.p99, 'ms', '<= 3000', { note: `${catchup.count} clients; reconnection ${p.reconnect.delayMs} ms ± ${p.reconnect.jitter * 100} % as socket.io` }),
        metric('failover_every_client', everyClientMs, 'ms', null, { note: 'until the last client of A caught up' }),
        metric('failover_clients', clients.length, 'clients', `>= ${p.clients}`),
        metric('failover_wrong', wrong, 'clients', '== 0', { note: 'clients not resumed, or missing / duplicated / foreign / out-of-order events over the run' }),
        metric('failover_survivor_cpu_per_reconnect', survivorCpu.perReconnectMs.total, 'ms', null, { note: `B's CPU (user ${survivorCpu.perReconnectMs.user} + system ${survivorCpu.perReconnectMs.sys}) per client, the writes' share subtracted` }),
        metric('machine_idle_during_failover', cpu.machineIdle, '% of one core', null, { note: 'SIGKILL → every client resumed; low = the shared machine was busy' }),
      ],
      details: result,
    };
  } finally {
    await fleets.close().catch(() => undefined);
    await fleets.stop();
    for (const w of workers) {
      await w.stop();
      ctx.children.delete(w);
    }
    for (const x of [a, b]) {
      await x.stop();
      ctx.children.delete(x.child);
    }
    await redis.stop();
    ctx.children.delete(redis.child);
  }
}

module.exports = { name: 'failover', run, DEFAULTS, check };
