'use strict';
/**
 * Replay of missed events (issue 10). One API instance. A coordinator's board of one municipality
 * was away while vacancy changes committed: 1,000 in its municipality (events it is entitled to)
 * interleaved with about as many elsewhere (in the outbox too, not for it), written by a load
 * generator through the API (`POST /api/units/:id/vacancies/adjust` on the units of providers in and
 * outside the municipality, concurrency 8). Then, again and again, the client reconnects as the web
 * app does (bench/lib/resume-fleet.js, its own process): handshake with `auth.lastEventId` = the id
 * it saw last before the 1,000, join its board (`vacancies:subscribe`), `events:replay`; time = from
 * just before the connection is opened to the arrival of the 1,000th missed event, each run checked
 * to begin with exactly the 1,000 expected ids (from the outbox: its rooms, after its last id) in order
 * (anything committed for it since may follow them, in order).
 */
const path = require('node:path');
const { startApi, login, spawnNode, sleep } = require('../lib/api');
const { startResumeFleets } = require('../lib/resume-fleet');
const { adjustableUnits, boardRoom, ownRooms } = require('../lib/boards');
const { summarize } = require('../lib/stats');
const { cpuMeter } = require('../lib/proc');
const { summarizeProfile } = require('../lib/profile');
const { metric } = require('../lib/results');
const { withClient } = require('../lib/db');
const dates = require('../lib/dates');

const DEFAULTS = { missed: 1000, warmup: 10, repeats: 200, municipality: '43213', organisations: 24, concurrency: 8, burstMs: 3000, timeoutMs: 15_000 };

async function run(ctx) {
  const p = { ...DEFAULTS, ...(ctx.quick ? { repeats: 40, warmup: 5 } : {}) };
  const api = await startApi(ctx.databaseUrl, { name: 'api-event-replay' });
  ctx.children.add(api.child);
  const worker = spawnNode([path.join(__dirname, '..', 'lib', 'load-worker.js')], { name: 'load' });
  ctx.children.add(worker);
  const load = (cmd, arg, ms = 120_000) => worker.call('load', cmd, arg, ms);
  const fleets = startResumeFleets(1, ctx.children);
  try {
    const today = dates.today();
    const nights = Array.from({ length: 30 }, (_, i) => dates.addDays(today, i + 1));
    const here = await adjustableUnits(ctx.databaseUrl, api.url, p.organisations, nights, { municipalities: [p.municipality] });
    const there = await adjustableUnits(ctx.databaseUrl, api.url, p.organisations, nights, { municipalities: [p.municipality], exclude: true });
    // interleaved: the load generator takes units round robin, so about half the events are the board's
    const units = here.units.flatMap((u, i) => [u, there.units[i]]).filter(Boolean);
    await load('setup', { url: api.url, units, maxSockets: p.concurrency });
    const coordinator = await login(api.url, 'coordinator@uki-kikan.example');
    const area = { municipalityCode: p.municipality };
    const rooms = [boardRoom(area), ...ownRooms(coordinator)];

    // the client is away while the events commit
    const q = (sql, params) => withClient(ctx.databaseUrl, (c) => c.query(sql, params).then((r) => r.rows));
    const [{ head: start }] = await q(`SELECT coalesce(max(position), 0)::float8 AS head FROM outbox_events`);
    const writes = { statuses: {}, bursts: 0 };
    for (;;) {
      const r = await load('closed', { concurrency: p.concurrency, durationMs: p.burstMs });
      writes.bursts++;
      for (const [s, n] of Object.entries(r.statuses)) writes.statuses[s] = (writes.statuses[s] ?? 0) + n;
      const [{ n }] = await q(`SELECT count(*)::int AS n FROM outbox_events WHERE position > $1 AND rooms && $2::text[]`, [start, rooms]);
      if (n >= p.missed) break;
      if (writes.bursts > 40) throw new Error(`only ${n} events for the board after ${writes.bursts} bursts: ${JSON.stringify(writes.statuses)}`);
    }
    for (let i = 0; (await q(`SELECT count(*)::int AS n FROM outbox_events WHERE position IS NULL`))[0].n > 0; i++) {
      if (i > 50) throw new Error('events stay unsequenced');
      await sleep(100);
    }
    const mine = (await q(`SELECT position::float8 AS position FROM outbox_events WHERE position > $1 AND rooms && $2::text[] ORDER BY position`, [start, rooms])).map((r) => r.position);
    const expected = mine.slice(-p.missed);
    const after = mine.length > p.missed ? mine[mine.length - p.missed - 1] : start;
    const [gap] = await q(`SELECT count(*)::int AS events, count(*) FILTER (WHERE NOT rooms && $2::text[])::int AS "notForIt", (SELECT count(*)::int FROM outbox_events) AS outbox FROM outbox_events WHERE position > $1`, [after, rooms]);

    const total = [];
    const phases = { ready: [], subscribed: [], replayAnswered: [], firstEvent: [] };
    let wrong = 0;
    let later = 0;
    const wrongSamples = [];
    const errors = [];
    let meter;
    // BENCH_REPLAY_PROFILE=1: a CPU profile of the API over the measured runs (development: it slows the API a little)
    const profiling = process.env.BENCH_REPLAY_PROFILE === '1';
    for (let i = 0; i < p.warmup + p.repeats; i++) {
      if (i === p.warmup) {
        if (profiling) await api.probe('profileStart');
        meter = cpuMeter({ api: api.pid, fleet: fleets.children[0].pid });
      }
      let r;
      try {
        r = await fleets.replayOnce({ url: api.url, token: coordinator, area, after, expect: p.missed, timeoutMs: p.timeoutMs });
      } catch (e) {
        if (errors.length < 5) errors.push(String(e.message ?? e).slice(0, 300));
        if (i >= p.warmup) wrong++;
        continue;
      }
      if (i < p.warmup) continue;
      // events committed meanwhile for its rooms (e.g. an escalation of an earlier benchmark's request) may follow, after the 1,000
      const exact = expected.every((id, k) => r.ids[k] === id) && r.ids.every((id, k) => k === 0 || id > r.ids[k - 1]);
      later += r.ids.length - expected.length;
      if (!exact) {
        wrong++;
        if (wrongSamples.length < 3) wrongSamples.push({ got: r.ids.length, first: r.ids.slice(0, 5), expectedFirst: expected.slice(0, 5), answer: r.answer });
      }
      total.push(r.lastMs);
      phases.ready.push(r.readyMs);
      phases.subscribed.push(r.subscribedMs);
      phases.replayAnswered.push(r.ackMs);
      phases.firstEvent.push(r.firstMs);
    }
    const cpu = meter();
    const profile = profiling ? summarizeProfile(await api.probe('profileStop', null, 60_000)) : undefined;
    const result = {
      replay: summarize(total),
      cpu,
      profile,
      phases: Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, summarize(v)])),
      wrong,
      wrongSamples,
      laterEventsAfterTheMissed: later,
      errors,
      gap: { after, ...gap, forTheClient: expected.length },
      writes: { ...writes, units: units.length, providersInMunicipality: here.organisations, providersElsewhere: there.organisations },
    };
    return {
      parameters: { ...p, client: `coordinator@uki-kikan.example, board of ${p.municipality} (rooms ${rooms[0]}, its user, organisation and session)`, transport: 'websocket' },
      metrics: [
        metric('replay_1000_p50', result.replay.p50, 'ms', null, { note: 'reconnect (connection opened) → the 1,000th missed event received' }),
        metric('replay_1000_p99', result.replay.p99, 'ms', '<= 100', { note: `${result.replay.count} reconnections; the gap also held ${gap.notForIt} events for other rooms` }),
        metric('replay_ready_p50', result.phases.ready.p50, 'ms', null, { note: 'of which: until session:ready' }),
        metric('replay_first_event_p50', result.phases.firstEvent.p50, 'ms', null, { note: 'until the first missed event' }),
        metric('replay_runs', result.replay.count, 'runs', `>= ${p.repeats}`),
        metric('replay_wrong', wrong, 'runs', '== 0', { note: 'runs not receiving exactly the expected ids in order (or failing)' }),
        metric('machine_idle_during_run', cpu.machineIdle, '% of one core', null, { note: 'over the measured reconnections; low = the shared machine was busy' }),
      ],
      details: result,
    };
  } finally {
    await fleets.close().catch(() => undefined);
    await fleets.stop();
    await worker.stop();
    ctx.children.delete(worker);
    await api.stop();
    ctx.children.delete(api.child);
  }
}

module.exports = { name: 'event-replay', run, DEFAULTS };
