'use strict';
/**
 * The outbox relay's wake-up (issue 10: "LISTEN/NOTIFY or polling, measured"), its arms in one run on
 * one database. Each arm: two API instances (shared secrets), A takes the writes, B only relays; a
 * board socket of the written municipality on each (bench/lib/resume-fleet.js, its own process).
 *   notify:   RELAY_LISTEN=true (LISTEN/NOTIFY wakes the relay at each commit; 1 s poll as safety net)
 *   poll-N:   RELAY_LISTEN=false, RELAY_POLL_INTERVAL_MS=N (each pass: the sequencer's try-lock, the
 *             non-blocking "skip if another instance holds it", then a read after the cursor)
 * Latency per event, commit → published on the instance that did not write (the cross-instance path;
 * the writer's own instance runs a pass right after its commit in every arm), between two bounds from
 * the outbox row: its transaction's start (created_at, before the commit) and its sequencing
 * (sequenced_at, after the commit; the writer's instance sequences right after committing in every
 * arm), each to the arrival at B's socket (same machine clock). A→B (writer's socket to B's) in details.
 * Loss: every event either socket received must reach the other; as timers of earlier benchmarks'
 * requests keep writing until the report, an event is counted lost only if still absent from the
 * other socket a poll interval + 1.5 s after the first report (late ones are listed in details).
 * DB load: transactions committed in the benchmark's database (pg_stat_database.xact_commit) and
 * rows read (tup_returned + tup_fetched) per second, idle (no writes: what the relays cost alone) and
 * under a steady open-loop write rate to A; CPU of A, B and all postgres processes (shared server:
 * the postgres CPU includes other users of the machine, the per-database counts do not).
 */
const path = require('node:path');
const { startApi, login, spawnNode, sharedSecrets, sleep } = require('../lib/api');
const { startResumeFleets, now } = require('../lib/resume-fleet');
const { adjustableUnits, boardRoom } = require('../lib/boards');
const { summarize } = require('../lib/stats');
const { metric } = require('../lib/results');
const { withClient } = require('../lib/db');
const { cpuMeter } = require('../lib/proc');
const dates = require('../lib/dates');

const DEFAULTS = {
  arms: [
    { name: 'notify', env: { RELAY_LISTEN: 'true', RELAY_POLL_INTERVAL_MS: '1000' } },
    { name: 'poll-100', env: { RELAY_LISTEN: 'false', RELAY_POLL_INTERVAL_MS: '100' } },
    { name: 'poll-1000', env: { RELAY_LISTEN: 'false', RELAY_POLL_INTERVAL_MS: '1000' } },
  ],
  municipality: '43213',
  organisations: 24,
  idleMs: 10_000,
  rate: 40,
  writeMs: 15_000,
};

const STATE_SQL = `SELECT u.id, u.vacancy_version AS version, jsonb_object_agg(v.night::text, v.free) FILTER (WHERE v.night IS NOT NULL) AS free
  FROM units u LEFT JOIN vacancies v ON v.unit_id = u.id AND v.night BETWEEN $2::date AND $3::date
    AND v.gender = CASE u.room_gender WHEN 'either' THEN 'any' ELSE u.room_gender END
  WHERE u.id = ANY($1::uuid[]) GROUP BY u.id`;

async function arm(ctx, p, a0, { units, secrets }, q) {
  const env = { ...secrets, ...a0.env };
  const [a, b] = await Promise.all([startApi(ctx.databaseUrl, { name: `api-relay-${a0.name}-a`, env }), startApi(ctx.databaseUrl, { name: `api-relay-${a0.name}-b`, env })]);
  for (const x of [a, b]) ctx.children.add(x.child);
  const worker = spawnNode([path.join(__dirname, '..', 'lib', 'load-worker.js')], { name: 'load' });
  ctx.children.add(worker);
  const load = (cmd, arg, ms = 120_000) => worker.call('load', cmd, arg, ms);
  const fleets = startResumeFleets(2, ctx.children);
  try {
    // the units as the previous arm left them (a stale version would make every write a 409)
    const now_ = new Map((await q(STATE_SQL, [units.map((u) => u.id), units[0].nights[0], units[0].nights.at(-1)])).map((r) => [r.id, r]));
    await load('setup', { url: a.url, units: units.map((u) => ({ ...u, version: now_.get(u.id).version, free: now_.get(u.id).free ?? {} })), maxSockets: 32 });
    const coordinator = await login(a.url, 'coordinator@uki-kikan.example');
    const area = { municipalityCode: p.municipality };
    const [ca, cb] = await Promise.all([a, b].map((x, i) => fleets.call(fleets.children[i], 'connect', { url: x.url, token: coordinator, areas: [area], count: 1 }, 60_000)));
    if (ca.failed || cb.failed) throw new Error(`board sockets: ${JSON.stringify([ca.errors, cb.errors])}`);
    await load('closed', { concurrency: 2, durationMs: 1000 }); // warm-up, not counted

    const stats = async () => (await q(`SELECT xact_commit::float8 AS tx, (tup_returned + tup_fetched)::float8 AS rows FROM pg_stat_database WHERE datname = current_database()`))[0];
    const phase = async (work) => {
      const s0 = await stats();
      const cpu = cpuMeter({ a: a.pid, b: b.pid });
      const t0 = now();
      const out = await work();
      const seconds = (now() - t0) / 1000;
      const s1 = await stats();
      // the two stats queries themselves are 2 of the transactions
      return { ...out, seconds: Math.round(seconds * 10) / 10, txPerS: Math.round(((s1.tx - s0.tx - 2) / seconds) * 10) / 10, rowsPerS: Math.round((s1.rows - s0.rows) / seconds), cpu: cpu() };
    };
    const idle = await phase(() => sleep(p.idleMs).then(() => ({})));

    const [{ head: since }] = await q(`SELECT coalesce(max(position), 0)::float8 AS head FROM outbox_events`);
    const writes = await phase(async () => {
      const r = await load('open', { rate: p.rate, durationMs: p.writeMs, maxInFlight: 64 }, p.writeMs + 60_000);
      return { statuses: r.statuses, sent: r.sent, dropped: r.dropped, writeLatency: summarize(r.acceptedLatencies) };
    });
    await sleep(Number(a0.env.RELAY_POLL_INTERVAL_MS) + 1500); // the last events reach B
    const report = () => Promise.all(fleets.children.map((f) => fleets.call(f, 'report', { since }, 60_000)));
    const arrivals = (r) => {
      const m = new Map();
      for (let i = 0; i < r[0].events.length; i += 2) if (!m.has(r[0].events[i])) m.set(r[0].events[i], r[0].events[i + 1]);
      return m;
    };
    const [ra, rb] = await report();
    const atA = arrivals(ra);
    const atB = arrivals(rb);
    // Requests of earlier benchmarks keep their timers writing events (to the coordinator's own rooms)
    // up to the moment of the report, so an event one socket has and the other not yet may be late
    // rather than lost: each socket is asked again after the relays' slowest interval, and an event is
    // lost only if the other socket still lacks it then.
    await sleep(Number(a0.env.RELAY_POLL_INTERVAL_MS) + 1500);
    const [ra2, rb2] = await report();
    const laterAtA = arrivals(ra2);
    const laterAtB = arrivals(rb2);
    const rows = await q(
      `SELECT position::float8 AS position, (extract(epoch FROM created_at) * 1000)::float8 AS created, (extract(epoch FROM sequenced_at) * 1000)::float8 AS sequenced
       FROM outbox_events WHERE position > $1 AND $2 = ANY(rooms)`,
      [since, boardRoom(area)],
    );
    const created = new Map(rows.map((r) => [r.position, r]));
    const aToB = [];
    const startToB = [];
    const sequencedToB = [];
    for (const [id, t] of atA) {
      const tb = atB.get(id);
      if (tb === undefined) continue;
      aToB.push(tb - t);
      if (!created.has(id)) continue;
      startToB.push(tb - created.get(id).created);
      sequencedToB.push(tb - created.get(id).sequenced);
    }
    const absent = (first, later) => [...first.keys()].filter((id) => !later.has(id));
    const lostAtB = absent(atA, laterAtB);
    const lostAtA = absent(atB, laterAtA);
    const lateAtB = absent(atA, atB).filter((id) => laterAtB.has(id));
    const lateAtA = absent(atB, atA).filter((id) => laterAtA.has(id));
    // what the lost events were (event, rooms, when sequenced), to tell where they went
    const describe = async (ids) =>
      ids.length
        ? q(
            `SELECT position::float8 AS position, event, rooms, (extract(epoch FROM sequenced_at) * 1000)::float8 AS sequenced FROM outbox_events WHERE position = ANY($1::bigint[]) ORDER BY position`,
            [ids],
          )
        : [];
    const lost = { atB: await describe(lostAtB), atA: await describe(lostAtA) };
    return { name: a0.name, env: a0.env, events: created.size, atA: atA.size, atB: atB.size, missingAtB: lostAtB.length, missingAtA: lostAtA.length, lost, late: { atB: lateAtB, atA: lateAtA }, drops: { a: ra2[0].drop, b: rb2[0].drop }, aToB: summarize(aToB), txStartToB: summarize(startToB), sequencedToB: summarize(sequencedToB), idle, writes };
  } finally {
    await fleets.close().catch(() => undefined);
    await fleets.stop();
    await worker.stop();
    ctx.children.delete(worker);
    for (const x of [a, b]) {
      await x.stop();
      ctx.children.delete(x.child);
    }
  }
}

/** Transactions in the database during the write phase per accepted write. */
const txPerWrite = (a) => Math.round(((a.writes.txPerS * a.writes.seconds) / (a.writes.statuses['200'] ?? NaN)) * 10) / 10;

async function run(ctx) {
  const p = { ...DEFAULTS, ...(ctx.quick ? { idleMs: 5000, writeMs: 6000, rate: 25 } : {}) };
  const q = (sql, params) => withClient(ctx.databaseUrl, (c) => c.query(sql, params).then((r) => r.rows));
  const today = dates.today();
  const nights = Array.from({ length: 30 }, (_, i) => dates.addDays(today, i + 1));
  // the units, their state and their staff's tokens once: every arm's instances share these secrets
  const secrets = sharedSecrets();
  const probe = await startApi(ctx.databaseUrl, { name: 'api-relay-setup', env: secrets });
  ctx.children.add(probe.child);
  let units;
  try {
    ({ units } = await adjustableUnits(ctx.databaseUrl, probe.url, p.organisations, nights, { municipalities: [p.municipality] }));
  } finally {
    await probe.stop();
    ctx.children.delete(probe.child);
  }
  // autovacuum/analyze of the fresh seed would count as the first arm's idle load
  await q('VACUUM ANALYZE');
  const arms = [];
  // each arm on the database as the previous one left it; the load worker refetches a unit's state on a 409
  for (const a0 of p.arms) arms.push(await arm(ctx, p, a0, { units, secrets }, q));
  const m = (a, key, pct) => a[key][pct];
  return {
    parameters: { ...p, units: units.length, observer: 'one board socket of the municipality on each instance' },
    metrics: arms.flatMap((a) => [
      metric(`relay_${a.name}_sequenced_to_b_p50`, m(a, 'sequencedToB', 'p50'), 'ms', null, { note: 'event sequenced (after its commit) → other instance socket: a lower bound of commit → publish' }),
      metric(`relay_${a.name}_sequenced_to_b_p99`, m(a, 'sequencedToB', 'p99'), 'ms', null),
      metric(`relay_${a.name}_txstart_to_b_p50`, m(a, 'txStartToB', 'p50'), 'ms', null, { note: 'transaction start (created_at) → other instance socket: an upper bound of commit → publish' }),
      metric(`relay_${a.name}_txstart_to_b_p99`, m(a, 'txStartToB', 'p99'), 'ms', null),
      metric(`relay_${a.name}_idle_tx_per_s`, a.idle.txPerS, 'tx/s', null, { note: 'transactions in the database, two instances, no writes' }),
      metric(`relay_${a.name}_writes_tx_per_s`, a.writes.txPerS, 'tx/s', null, { note: `under ${p.rate} writes/s` }),
      metric(`relay_${a.name}_tx_per_write`, txPerWrite(a), 'tx', null, { note: 'transactions in the database per accepted write (the write itself and background pollers included)' }),
      metric(`relay_${a.name}_missing_at_b`, a.missingAtB, 'events', '== 0', { note: 'events the socket on A had that the one on B still lacked after a further poll interval + 1.5 s' }),
      metric(`relay_${a.name}_missing_at_a`, a.missingAtA, 'events', '== 0', { note: 'the same the other way (e.g. events of timers that ran on B)' }),
    ]),
    details: { arms },
  };
}

module.exports = { name: 'relay', run, DEFAULTS, txPerWrite };
