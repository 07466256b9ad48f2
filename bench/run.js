'use strict';
/**
 * `npm run bench`: every benchmark against a scratch PostgreSQL database built from the API's own
 * migrations and demo loader plus a bulk seed, one JSON file per benchmark in bench/results, and a
 * table at the end. Talks to 127.0.0.1 only; bounded in time; drops what it created.
 *
 *   node bench/run.js [--only name,name] [--quick] [--keep-db] [--reuse-db NAME (development: a seeded database, kept)]
 */
const db = require('./lib/db');
const { seed } = require('./lib/seed');
const { machineInfo, writeResult, printTable } = require('./lib/results');

const BENCHMARKS = [require('./benchmarks/memory'), require('./benchmarks/latency'), require('./benchmarks/search'), require('./benchmarks/updates'), require('./benchmarks/trial-availability'), require('./benchmarks/trial-booking-race'), require('./benchmarks/emergency-push'), require('./benchmarks/matching'), require('./benchmarks/calendar'), require('./benchmarks/ledger-search'), require('./benchmarks/web-push'), require('./benchmarks/event-replay'), require('./benchmarks/failover'), require('./benchmarks/relay'), require('./benchmarks/fhir-slot-feed'), require('./benchmarks/reports')];
// about 4 minutes on an idle machine; a shared, busy one can take several times longer
const HARD_LIMIT_MS = 25 * 60_000;

const args = process.argv.slice(2);
const flag = (f) => args.includes(f);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1].split(',') : null;
const quick = flag('--quick');
const reuse = args.includes('--reuse-db') ? args[args.indexOf('--reuse-db') + 1] : null;

const children = new Set();
const databases = [];
let cleaning = null;

async function cleanup() {
  cleaning ??= (async () => {
    await Promise.all([...children].map((c) => c.stop?.().catch(() => undefined)));
    if (!flag('--keep-db')) for (const name of databases.splice(0)) await db.dropDatabase(name).catch((e) => console.error(`drop ${name}: ${e.message}`));
  })();
  return cleaning;
}

for (const sig of ['SIGINT', 'SIGTERM']) {
  process.once(sig, async () => {
    console.error(`\n${sig}: cleaning up`);
    await cleanup();
    process.exit(130);
  });
}

async function main() {
  const started = Date.now();
  const hardStop = setTimeout(async () => {
    console.error(`bench: over ${HARD_LIMIT_MS / 60_000} min, stopping`);
    await cleanup();
    process.exit(2);
  }, HARD_LIMIT_MS);
  hardStop.unref();

  const selected = BENCHMARKS.filter((b) => !only || only.includes(b.name));
  if (!selected.length) throw new Error(`no benchmark named ${only}; have ${BENCHMARKS.map((b) => b.name).join(', ')}`);
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const name = `akiwa_bench_${stamp}_${process.pid}`;
  const machine = machineInfo();
  const postgres = await db.serverInfo();

  let databaseUrl;
  let prepared = { migrations: [] };
  let seeded = { reused: true };
  const t0 = Date.now();
  if (reuse) {
    // development only: an already seeded database, left in place
    databaseUrl = db.withDatabase(db.ADMIN_URL, reuse);
    console.log(`bench: reusing database ${reuse}`);
  } else {
    console.log(`bench: scratch database ${name}`);
    databases.push(name);
    databaseUrl = await db.createDatabase(name);
    prepared = await db.migrateAndLoadDemo(databaseUrl);
    seeded = await seed(databaseUrl, quick ? { organisations: 2000 } : {});
  }
  const seedMs = Date.now() - t0;
  console.log(`bench: migrated and seeded in ${(seedMs / 1000).toFixed(1)} s: ${JSON.stringify(seeded.counts)}`);

  const ctx = { databaseUrl, databaseName: name, children, databases, quick, seeded, stamp };
  const results = [];
  for (const b of selected) {
    const bt = Date.now();
    console.log(`bench: ${b.name} …`);
    const out = { benchmark: b.name, date: new Date().toISOString(), machine, postgres, seed: { ...seeded, migrations: prepared.migrations, totalMs: seedMs } };
    try {
      const r = await b.run(ctx);
      Object.assign(out, { durationMs: Date.now() - bt, parameters: r.parameters, metrics: r.metrics, details: r.details });
    } catch (e) {
      console.error(`bench: ${b.name} failed: ${e.stack ?? e}`);
      Object.assign(out, { durationMs: Date.now() - bt, error: String(e.message ?? e), metrics: [] });
    }
    out.pass = !out.error && out.metrics.every((m) => m.pass !== false);
    const file = writeResult(b.name, out);
    console.log(`bench: ${b.name} done in ${((Date.now() - bt) / 1000).toFixed(1)} s → ${file}`);
    results.push(out);
  }
  await cleanup();
  printTable(results);
  console.log(`bench: total ${((Date.now() - started) / 1000).toFixed(0)} s`);
  clearTimeout(hardStop);
  const misses = results.flatMap((r) => (r.error ? [`${r.benchmark}: failed`] : r.metrics.filter((m) => m.pass === false).map((m) => `${r.benchmark}: ${m.name} ${m.value} ${m.unit} (target ${m.target})`)));
  if (misses.length) console.log(`bench: ${misses.length} target(s) missed:\n  ${misses.join('\n  ')}`);
  if (machine.gitDirty) console.log('bench: the working tree had uncommitted changes: these results cannot be published (bench/publish.js refuses them)');
  return misses.length === 0;
}

main()
  .then((ok) => process.exit(ok ? 0 : 1))
  .catch(async (e) => {
    console.error(e);
    await cleanup();
    process.exit(1);
  });
