'use strict';
/**
 * 4. Sustained vacancy updates on one API instance: `POST /api/units/:id/vacancies/adjust` from a
 * separate load process, spread over the units of many seeded providers (each request with a token of
 * the unit's own organisation; a unit never has two requests in flight, so 409s are rare and counted
 * apart). Phase 1, closed loop (concurrency 48): the most the instance does. Phase 2, open loop at
 * 1,000 requests/s: does it keep up, and with what p99 (from the scheduled start). Then a short
 * profiled closed-loop phase (not counted) for where the time goes. Beside it, the database's
 * ceiling: `pgbench -N` (simple update) with 16 clients for 10 s on a pgbench-initialised database
 * (scale 10) in the same PostgreSQL.
 */
const path = require('node:path');
const { execFile } = require('node:child_process');
const { promisify } = require('node:util');
const { startApi, login, spawnNode } = require('../lib/api');
const { BOARD_LEVELS, boardAreas, adjustableUnits } = require('../lib/boards');
const { summarize } = require('../lib/stats');
const { metric } = require('../lib/results');
const { withClient, createDatabase, ADMIN_URL } = require('../lib/db');
const { summarizeProfile } = require('../lib/profile');
const dates = require('../lib/dates');
const { cpuMeter } = require('../lib/proc');
const { startFleets } = require('../lib/fleets');

const run_ = promisify(execFile);
const DEFAULTS = {
  organisations: 128,
  concurrency: 48,
  closedMs: 8000,
  rate: 1000,
  openMs: 15_000,
  maxInFlight: 512,
  profileMs: 4000,
  pgbench: { scale: 10, clients: 16, threads: 2, seconds: 10 },
  /** Coordinators' boards open during the load (their fan-out is part of the cost). */
  subscribers: 2000,
  fleets: 2,
  /** Which area a board watches: its municipality, its region or the whole prefecture. */
  subscriberLevels: BOARD_LEVELS,
};

async function pgbench(ctx, p) {
  const name = `${ctx.databaseName}_pgbench`;
  ctx.databases.push(name);
  await createDatabase(name);
  const u = new URL(ADMIN_URL);
  const env = { ...process.env, PGHOST: '127.0.0.1', PGPORT: u.port || '5432', PGUSER: decodeURIComponent(u.username) || 'postgres', PGDATABASE: name };
  const bin = await run_('bash', ['-c', 'command -v pgbench || ls /usr/lib/postgresql/*/bin/pgbench | tail -1']).then((r) => r.stdout.trim());
  if (!bin) throw new Error('pgbench not found (apt-get install postgresql-contrib)');
  const t = Date.now();
  await run_(bin, ['-i', '-q', '-s', String(p.scale)], { env, timeout: 120_000 });
  const initMs = Date.now() - t;
  const { stdout } = await run_(bin, ['-N', '-c', String(p.clients), '-j', String(p.threads), '-T', String(p.seconds)], { env, timeout: (p.seconds + 60) * 1000 });
  const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(stdout)?.[1]);
  const latencyMs = Number(/latency average = ([\d.]+) ms/.exec(stdout)?.[1]);
  return { tps, latencyAverageMs: latencyMs, initMs, database: name, output: stdout.trim().split('\n').slice(-8) };
}

async function run(ctx) {
  const p = { ...DEFAULTS, ...(ctx.quick ? { organisations: 64, closedMs: 4000, openMs: 6000, profileMs: 2000, subscribers: 500, pgbench: { ...DEFAULTS.pgbench, seconds: 5 } } : {}) };
  const today = dates.today();
  const nights = Array.from({ length: 58 }, (_, i) => dates.addDays(today, i + 1));
  const api = await startApi(ctx.databaseUrl, { name: 'api-updates' });
  ctx.children.add(api.child);
  const worker = spawnNode([path.join(__dirname, '..', 'lib', 'load-worker.js')], { name: 'load' });
  ctx.children.add(worker);
  const call = (cmd, arg, ms = 120_000) => worker.call('load', cmd, arg, ms);
  const fleets = await startFleets(p.fleets, ctx.children);
  try {
    const { units, organisations } = await adjustableUnits(ctx.databaseUrl, api.url, p.organisations, nights);
    await call('setup', { url: api.url, units, maxSockets: p.maxInFlight });
    const coordinator = await login(api.url, 'coordinator@uki-kikan.example');
    const areas = await boardAreas(ctx.databaseUrl, p.subscribers, p.subscriberLevels);
    const conn = await fleets.connect({ kind: 'socketio', url: api.url, tokens: [coordinator], areas, countOnly: true, concurrency: 50 }, p.subscribers);
    if (conn.failed) throw new Error(`subscribers failed to connect: ${JSON.stringify(conn.perFleet.map((f) => f.errors))}`);
    // warm-up (JIT, connection pools), not counted
    await call('closed', { concurrency: p.concurrency, durationMs: 1500 });

    const dbStats = () => withClient(ctx.databaseUrl, (c) => c.query(`SELECT xact_commit::bigint AS commits, xact_rollback::bigint AS rollbacks FROM pg_stat_database WHERE datname = current_database()`).then((r) => r.rows[0]));
    const phase = async (cmd, arg) => {
      await api.probe('loopReset');
      const [cpu0, db0] = [await api.probe('cpu'), await dbStats()];
      const meter = cpuMeter({ api: api.pid, loadGenerator: worker.pid });
      await fleets.delivered();
      const t0 = performance.now();
      const r = await call(cmd, arg, arg.durationMs + 120_000);
      const cpu = meter();
      const wall = performance.now() - t0;
      // events still in flight when the load stops arrive shortly after: count them with this phase
      await new Promise((resolve) => setTimeout(resolve, 500));
      const delivered = await fleets.delivered();
      const [cpu1, db1, loop] = [await api.probe('cpu'), await dbStats(), await api.probe('loop')];
      const ok = r.statuses[200] ?? 0;
      return {
        latency: summarize(r.latencies),
        acceptedLatency: summarize(r.acceptedLatencies),
        shedLatency: summarize(r.shedLatencies),
        shed: r.statuses[503] ?? 0,
        statuses: r.statuses,
        ok,
        conflicts: r.statuses[409] ?? 0,
        errors: Object.entries(r.statuses).filter(([s]) => s !== '200' && s !== '409' && s !== '503').reduce((a, [, n]) => a + n, 0),
        errorSamples: r.errorSamples,
        rate: (ok / r.wallMs) * 1000,
        deliveries: delivered,
        deliveryRate: (delivered / r.wallMs) * 1000,
        deliveriesPerUpdate: ok ? delivered / ok : 0,
        requestRate: (r.latencies.length / r.wallMs) * 1000,
        dropped: r.dropped,
        maxInFlight: r.maxInFlight,
        noFreeUnit: r.noUnit,
        apiCpuPercent: Math.round(((cpu1.user + cpu1.system - cpu0.user - cpu0.system) / 1000 / wall) * 100),
        cpu,
        apiEventLoopDelayMs: loop,
        dbTransactionsPerRequest: Math.round(((Number(db1.commits) - Number(db0.commits)) / Math.max(1, r.latencies.length)) * 100) / 100,
        wallMs: Math.round(r.wallMs),
      };
    };
    const closedPhase = await phase('closed', { concurrency: p.concurrency, durationMs: p.closedMs });
    const openPhase = await phase('open', { rate: p.rate, durationMs: p.openMs, maxInFlight: p.maxInFlight });

    // where the API's time goes under load (a profiled closed-loop phase; not counted above)
    let profile = null;
    try {
      await api.probe('profileStart');
      await call('closed', { concurrency: p.concurrency, durationMs: p.profileMs });
      profile = summarizeProfile(await api.probe('profileStop', null, 60_000));
    } catch (e) {
      profile = { error: String(e.message ?? e) };
    }
    await api.stop();
    ctx.children.delete(api.child);

    let pg;
    try {
      pg = await pgbench(ctx, p.pgbench);
    } catch (e) {
      pg = { error: String(e.message ?? e), tps: NaN };
    }
    return {
      parameters: { ...p, units: units.length, organisations, request: 'POST /api/units/:id/vacancies/adjust {night, gender, delta ±1, expectedVersion}', nights: `${nights[0]}..${nights[nights.length - 1]}` },
      metrics: [
        metric('open_loop_achieved_rate', openPhase.rate, 'updates/s', `>= ${p.rate * 0.98}`, { note: `offered ${p.rate}/s; 200s per second of wall time` }),
        metric('open_loop_p50', openPhase.latency.p50, 'ms'),
        metric('open_loop_p99', openPhase.acceptedLatency.p99, 'ms', '<= 100', { note: 'of the requests the API accepted (200/409), from their scheduled start' }),
        metric('open_loop_errors', openPhase.errors + openPhase.dropped, 'requests', '== 0', { note: `answers other than 200/409/503 plus requests not sent because ${p.maxInFlight} were in flight` }),
        metric('open_loop_shed_503', openPhase.shed, 'requests', null, { note: 'refused beyond capacity with 503 + Retry-After (the bounded queue)' }),
        metric('open_loop_shed_p99', openPhase.shedLatency.p99, 'ms', openPhase.shed ? '<= 100' : null, { note: openPhase.shed ? 'how fast a refusal comes' : 'nothing was refused' }),
        metric('open_loop_conflicts_409', openPhase.conflicts, 'requests'),
        metric('open_loop_deliveries_rate', openPhase.deliveryRate, 'events/s', null, { note: `vacancy:changed received by the ${p.subscribers} boards` }),
        metric('closed_loop_max_rate', closedPhase.rate, 'updates/s', `>= ${p.rate}`, { note: `concurrency ${p.concurrency}, ${p.subscribers} boards subscribed` }),
        metric('closed_loop_deliveries_rate', closedPhase.deliveryRate, 'events/s', null, { note: `vacancy:changed received by the ${p.subscribers} boards (${Math.round(closedPhase.deliveriesPerUpdate)} per update)` }),
        metric('closed_loop_vs_pgbench_ratio', closedPhase.rate / pg.tps, '×', '>= 0.333', { note: 'closed-loop updates against pgbench -N TPS of the same run' }),
        metric('closed_loop_p50', closedPhase.latency.p50, 'ms'),
        metric('closed_loop_p99', closedPhase.latency.p99, 'ms'),
        metric('closed_loop_api_cpu', closedPhase.apiCpuPercent, '% of one core'),
        metric('closed_loop_postgres_cpu', closedPhase.cpu.postgres, '% of one core', null, { note: 'all postgres processes on the machine' }),
        metric('closed_loop_machine_idle', closedPhase.cpu.machineIdle, '% of one core', null, { note: `of ${require('node:os').cpus().length * 100}` }),
        metric('db_transactions_per_update', closedPhase.dbTransactionsPerRequest, 'commits'),
        metric('pgbench_simple_update_tps', pg.tps, 'tps', null, { note: `pgbench -N -c ${p.pgbench.clients} -T ${p.pgbench.seconds}, scale ${p.pgbench.scale}: the database's ceiling` }),
      ],
      details: { closed: closedPhase, open: openPhase, profile, pgbench: pg },
    };
  } finally {
    await fleets.close().catch(() => undefined);
    await fleets.stop().catch(() => undefined);
    await worker.stop();
    ctx.children.delete(worker);
    await api.stop();
    ctx.children.delete(api.child);
  }
}

module.exports = { name: 'sustained-updates', run, DEFAULTS };
