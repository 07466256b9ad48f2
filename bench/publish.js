'use strict';
/**
 * `node bench/publish.js`: writes the README's benchmark table from bench/results/*.json. Every judged
 * metric (every metric with a target, realistic and stress) is listed with its target and whether it
 * passed, misses included, plus the floors and ceilings it is compared with. Publishes the newest
 * run only (the results of its commit), refuses results measured on a working tree with uncommitted
 * changes, and names the benchmarks that run did not measure.
 */
const fs = require('node:fs');
const path = require('node:path');
const { RESULTS_DIR } = require('./lib/results');

const README = path.join(__dirname, '..', 'README.md');
const START = '<!-- bench-table:start -->';
const END = '<!-- bench-table:end -->';
/** Reported beside the judged metrics: what they are compared with in the same run. */
const CONTEXT = new Set([
  'floor_socketio_latency_p50',
  'floor_socketio_latency_p99',
  'floor_ws_latency_p50',
  'floor_ws_latency_p99',
  'pgbench_simple_update_tps',
  'closed_loop_deliveries_rate',
  'open_loop_deliveries_rate',
  'search_c4_throughput',
]);

function load() {
  const files = fs.existsSync(RESULTS_DIR) ? fs.readdirSync(RESULTS_DIR).filter((f) => f.endsWith('.json')) : [];
  if (!files.length) throw new Error('no results in bench/results: run `npm run bench` first');
  return files.map((f) => JSON.parse(fs.readFileSync(path.join(RESULTS_DIR, f), 'utf8'))).sort((a, b) => a.date.localeCompare(b.date));
}

/**
 * The newest run's results: those of the newest result's commit, all from a clean tree. Results of
 * other commits are never mixed in; the benchmarks they stand for are listed as not measured.
 */
function check(results) {
  const newest = results[results.length - 1];
  if (newest.machine?.gitDirty !== false) throw new Error(`refusing to publish: ${newest.benchmark} was measured on a working tree with uncommitted changes (or unknown)`);
  const commit = newest.machine.gitCommit;
  const run = results.filter((r) => r.machine?.gitCommit === commit);
  const dirty = run.filter((r) => r.machine.gitDirty !== false);
  if (dirty.length) throw new Error(`refusing to publish: measured on a working tree with uncommitted changes: ${dirty.map((r) => r.benchmark).join(', ')}`);
  const missing = results.filter((r) => r.machine?.gitCommit !== commit).map((r) => r.benchmark);
  return { commit, run, missing };
}

function table(results) {
  const rows = ['| benchmark | metric | measured | target | |', '|---|---|---|---|---|'];
  for (const r of results) {
    if (r.error) rows.push(`| ${r.benchmark} | (failed to run) | ${String(r.error).replace(/\|/g, '/').slice(0, 80)} | | **MISS** |`);
    for (const m of r.metrics ?? []) {
      if (!m.target && !CONTEXT.has(m.name)) continue;
      const value = m.value === null ? '—' : `${m.value} ${m.unit}`;
      const verdict = m.pass === null ? '' : m.pass ? 'ok' : '**MISS**';
      rows.push(`| ${r.benchmark} | ${m.name} | ${value} | ${m.target ?? 'reported'} | ${verdict} |`);
    }
  }
  return rows.join('\n');
}

function main() {
  const { commit, run: results, missing } = check(load());
  const misses = results.reduce((n, r) => n + (r.error ? 1 : r.metrics.filter((m) => m.pass === false).length), 0);
  const judged = results.reduce((n, r) => n + r.metrics.filter((m) => m.pass !== null).length, 0);
  const idle = results.flatMap((r) => r.metrics.filter((m) => /machine_idle/.test(m.name)).map((m) => m.value)).filter(Number.isFinite);
  const body = [
    START,
    `Run of ${results[0].date.slice(0, 16).replace('T', ' ')} UTC on commit \`${commit.slice(0, 10)}\` (clean tree), ${results[0].machine.cpus} cores, ` +
      `load average ${results[0].machine.loadAverage.join(' / ')} at the start, machine idle ${idle.length ? `${Math.min(...idle)}–${Math.max(...idle)} %` : 'unknown'} of one core during the measurements: ` +
      `${judged - misses} of ${judged} judged metrics met, ${misses} missed.` +
      (missing.length ? ` Not measured in this run (not finished within the hard limit, or not selected): ${missing.join(', ')}.` : ''),
    '',
    table(results),
    END,
  ].join('\n');
  const readme = fs.readFileSync(README, 'utf8');
  const a = readme.indexOf(START);
  const b = readme.indexOf(END);
  if (a < 0 || b < 0) throw new Error(`README.md has no ${START} … ${END} section`);
  fs.writeFileSync(README, readme.slice(0, a) + body + readme.slice(b + END.length));
  console.log(`bench: README table written from commit ${commit} (${misses} miss(es))`);
}

try {
  main();
} catch (e) {
  console.error(`bench publish: ${e.message}`);
  process.exit(1);
}
