'use strict';
/** The measurer's side of the client fleets (bench/lib/fleet.js children). */
const path = require('node:path');
const { spawnNode } = require('./api');

const now = () => performance.timeOrigin + performance.now();

async function startFleets(n, registry) {
  const fleets = [];
  for (let i = 0; i < n; i++) {
    const child = spawnNode([path.join(__dirname, 'fleet.js')], { name: `fleet${i}` });
    registry?.add(child);
    fleets.push(child);
  }
  const call = (f, cmd, arg, ms) => f.call('fleet', cmd, arg, ms);
  return {
    children: fleets,
    call,
    /** Connects `total` sockets split evenly over the fleets. */
    async connect(arg, total) {
      const per = fleets.map((_, i) => Math.floor(total / n) + (i < total % n ? 1 : 0));
      const res = await Promise.all(fleets.map((f, i) => call(f, 'connect', { ...arg, count: per[i] }, 120_000)));
      return { perFleet: res, connected: res.reduce((s, r) => s + r.connected, 0), failed: res.reduce((s, r) => s + r.failed, 0) };
    },
    /**
     * Offset of each fleet's clock against ours (should be ~0: both are performance.timeOrigin-based
     * wall clocks on one machine), from the round trip with the smallest RTT.
     */
    async clockOffsets(rounds = 30) {
      const out = [];
      for (const f of fleets) {
        let best = { rtt: Infinity, offset: 0 };
        for (let i = 0; i < rounds; i++) {
          const t0 = now();
          const c = await call(f, 'clock');
          const t1 = now();
          if (t1 - t0 < best.rtt) best = { rtt: t1 - t0, offset: c - (t0 + t1) / 2 };
        }
        out.push({ offsetMs: Math.round(best.offset * 1000) / 1000, rttMs: Math.round(best.rtt * 1000) / 1000 });
      }
      return out;
    },
    /** Waits until each fleet has `counts[i]` arrivals of `key`; returns all arrival times. */
    async waitFor(key, counts, timeoutMs = 3000) {
      const res = await Promise.all(fleets.map((f, i) => call(f, 'waitFor', { key, count: counts[i], timeoutMs }, timeoutMs + 10_000)));
      return res.flat();
    },
    info: () => Promise.all(fleets.map((f) => call(f, 'info'))),
    close: () => Promise.all(fleets.map((f) => call(f, 'close').catch(() => undefined))),
    async stop() {
      await Promise.all(fleets.map((f) => f.stop()));
      for (const f of fleets) registry?.delete(f);
    },
  };
}

module.exports = { startFleets, now };
