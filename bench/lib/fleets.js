'use strict';
/** The measurer's side of the client fleets (bench/lib/fleet.js children). */
const path = require('node:path');
const { spawnNode } = require('./api');
const { now, fleetControl } = require('./fleet-ipc');

async function startFleets(n, registry) {
  const fleets = [];
  for (let i = 0; i < n; i++) {
    const child = spawnNode([path.join(__dirname, 'fleet.js')], { name: `fleet${i}` });
    registry?.add(child);
    fleets.push(child);
  }
  const control = fleetControl(fleets, registry);
  const { call } = control;
  return {
    ...control,
    /** Connects `total` sockets split evenly over the fleets. */
    async connect(arg, total) {
      const per = fleets.map((_, i) => Math.floor(total / n) + (i < total % n ? 1 : 0));
      const offsets = per.map((_, i) => per.slice(0, i).reduce((a, b) => a + b, 0));
      const res = await Promise.all(fleets.map((f, i) => call(f, 'connect', { ...arg, count: per[i], offset: offsets[i] }, 120_000)));
      return { perFleet: res, connected: res.reduce((s, r) => s + r.connected, 0), failed: res.reduce((s, r) => s + r.failed, 0) };
    },
    /** Events delivered to count-only sockets since the last call, over every fleet. */
    async delivered() {
      const res = await Promise.all(fleets.map((f) => call(f, 'delivered')));
      return res.reduce((s, r) => s + r.delivered, 0);
    },
    /** Waits until each fleet has `counts[i]` arrivals of `key`; returns all arrival times. */
    async waitFor(key, counts, timeoutMs = 3000) {
      const res = await Promise.all(fleets.map((f, i) => call(f, 'waitFor', { key, count: counts[i], timeoutMs }, timeoutMs + 10_000)));
      return res.flat();
    },
  };
}

module.exports = { startFleets, now };
