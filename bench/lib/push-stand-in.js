'use strict';
/**
 * The local stand-in push service (tools/push-service, the one the API's tests use) in a child
 * process of its own, driven over IPC like the client fleets: decrypting and verifying hundreds of
 * pushes must not share an event loop with the measurer. Records when each push was accepted (wall
 * clock, performance.timeOrigin + performance.now()), keyed by the notification's tag, with its
 * device and whether it came with `Urgency: high`.
 * As a module (the measurer's side): `startPushStandIn`.
 */
const { now, serveFleet, fleetControl } = require('./fleet-ipc');

if (require.main === module) {
  const { startPushService } = require('../../tools/push-service');
  /** tag → { t: [], device: [], urgent: number } */
  const arrivals = new Map();
  const waiters = new Map();
  let service = null;

  const take = (key) => {
    const a = arrivals.get(key) ?? { t: [], device: [], urgent: 0 };
    arrivals.delete(key);
    return a;
  };
  const onPush = (p) => {
    const key = p.payload.tag ?? '';
    let a = arrivals.get(key);
    if (!a) arrivals.set(key, (a = { t: [], device: [], urgent: 0 }));
    a.t.push(p.t);
    a.device.push(p.device);
    if (p.headers.urgency === 'high') a.urgent++;
    const w = waiters.get(key);
    if (w && a.t.length >= w.count) {
      waiters.delete(key);
      clearTimeout(w.timer);
      w.resolve(take(key));
    }
  };

  serveFleet({
    clock: async () => now(),
    async start() {
      service ??= await startPushService({ trustInThisProcess: false, keep: false, onPush });
      return { base: service.base, cert: service.cert };
    },
    /** A PushSubscription (endpoint and keys) for each name. */
    async devices({ names }) {
      return names.map((n) => service.device(n).subscription);
    },
    /** Pushes tagged `key` once `count` have arrived, or whatever arrived within timeoutMs. */
    waitFor({ key, count, timeoutMs = 5000 }) {
      if ((arrivals.get(key)?.t.length ?? 0) >= count) return Promise.resolve(take(key));
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          waiters.delete(key);
          resolve(take(key));
        }, timeoutMs);
        waiters.set(key, { count, resolve, timer });
      });
    },
    /** Pushes not taken yet (late or unexpected), by tag. */
    async leftovers() {
      return Object.fromEntries([...arrivals].map(([k, a]) => [k, a.t.length]));
    },
    async counts({ reset = false } = {}) {
      const c = { ...service.counts };
      if (reset) service.counts.maxInFlight = service.counts.inFlight;
      return c;
    },
    async close() {
      await service?.close();
      return {};
    },
  });
}

/** The stand-in push service as a child process: `{ base, cert, call(cmd, arg), clockOffsets(), stop() }`. */
async function startPushStandIn(registry) {
  const { spawnNode } = require('./api');
  const child = spawnNode([__filename], { name: 'push-service' });
  registry?.add(child);
  const control = fleetControl([child], registry);
  const call = (cmd, arg, ms) => control.call(child, cmd, arg, ms);
  const { base, cert } = await call('start');
  return {
    child,
    base,
    cert,
    call,
    clockOffsets: control.clockOffsets,
    async stop() {
      await call('close').catch(() => undefined);
      await control.stop();
    },
  };
}

module.exports = { startPushStandIn };
