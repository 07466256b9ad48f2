'use strict';
/** One JSON file per benchmark under bench/results, and the table printed at the end. */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const RESULTS_DIR = path.join(__dirname, '..', 'results');

function machineInfo() {
  const cpus = os.cpus();
  let gitCommit = null;
  let gitDirty = null;
  try {
    gitCommit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: path.join(__dirname, '..', '..'), encoding: 'utf8' }).trim();
    gitDirty = execFileSync('git', ['status', '--porcelain'], { cwd: path.join(__dirname, '..', '..'), encoding: 'utf8' }).trim().length > 0;
  } catch {
    /* not a git checkout */
  }
  return {
    hostname: os.hostname(),
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    cpuModel: cpus[0]?.model ?? 'unknown',
    cpus: cpus.length,
    totalMemGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
    node: process.version,
    gitCommit,
    gitDirty,
  };
}

/**
 * A metric. `target` is a string like "<= 15" or ">= 1000", or null when only reported;
 * pass is computed from it (null when there is no target or no value).
 */
function metric(name, value, unit, target = null, extra = {}) {
  let pass = null;
  if (target && Number.isFinite(value)) {
    const m = /^\s*(<=|>=|<|>|==)\s*(-?[\d.]+)\s*$/.exec(target);
    if (!m) throw new Error(`bad target ${target}`);
    const t = Number(m[2]);
    pass = { '<=': value <= t, '>=': value >= t, '<': value < t, '>': value > t, '==': value === t }[m[1]];
  } else if (target) {
    pass = false;
  }
  const v = Number.isFinite(value) ? Math.round(value * 1000) / 1000 : null;
  return { name, value: v, unit, target, pass, ...extra };
}

function writeResult(name, body) {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name}.json`);
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(body, null, 2) + '\n');
  fs.renameSync(tmp, file);
  return file;
}

function printTable(results) {
  const rows = [['benchmark', 'metric', 'value', 'unit', 'target', 'pass']];
  for (const r of results) {
    if (r.error) rows.push([r.benchmark, '(failed)', String(r.error).slice(0, 60), '', '', 'FAIL']);
    for (const m of r.metrics ?? []) {
      rows.push([r.benchmark, m.name, m.value === null ? '—' : String(m.value), m.unit, m.target ?? '', m.pass === null ? '' : m.pass ? 'ok' : 'MISS']);
    }
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  const line = (r) => r.map((c, i) => (i === 2 ? String(c).padStart(widths[i]) : String(c).padEnd(widths[i]))).join('  ');
  console.log('\n' + line(rows[0]));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows.slice(1)) console.log(line(r));
  console.log('');
}

module.exports = { RESULTS_DIR, machineInfo, metric, writeResult, printTable };
