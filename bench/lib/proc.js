'use strict';
/** CPU time of processes from /proc (Linux), to tell which process a load is bound by. */
const fs = require('node:fs');

const TICK_MS = 10; // USER_HZ = 100 on Linux

function cpuMsOf(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * TICK_MS; // utime + stime
  } catch {
    return 0;
  }
}

/** CPU ms of a process, user and system apart (system: mostly socket writes and reads). */
function cpuSplitOf(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { user: Number(f[11]) * TICK_MS, sys: Number(f[12]) * TICK_MS };
  } catch {
    return { user: 0, sys: 0 };
  }
}

/** Total CPU ms of every process whose command name is `comm` (e.g. postgres). */
function cpuMsOfComm(comm) {
  let total = 0;
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (fs.readFileSync(`/proc/${d}/comm`, 'utf8').trim() === comm) total += cpuMsOf(d);
    } catch {
      /* gone */
    }
  }
  return total;
}

/** Machine-wide busy and idle ms over all cores. */
function machineCpuMs() {
  const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const idle = (f[3] + f[4]) * TICK_MS;
  const total = f.reduce((a, b) => a + b, 0) * TICK_MS;
  return { busy: total - idle, idle };
}

/** Snapshot now; call the result later for percentages of one core over the interval. */
function cpuMeter(pids) {
  const t0 = performance.now();
  const p0 = Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, cpuMsOf(pid)]));
  const pg0 = cpuMsOfComm('postgres');
  const m0 = machineCpuMs();
  return () => {
    const wall = performance.now() - t0;
    const pct = (ms) => Math.round((ms / wall) * 100);
    const m1 = machineCpuMs();
    const out = Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, pct(cpuMsOf(pid) - p0[k])]));
    out.postgres = pct(cpuMsOfComm('postgres') - pg0);
    out.machineBusy = pct(m1.busy - m0.busy);
    out.machineIdle = pct(m1.idle - m0.idle);
    out.unit = '% of one core';
    return out;
  };
}

module.exports = { cpuMsOf, cpuSplitOf, cpuMsOfComm, machineCpuMs, cpuMeter };
