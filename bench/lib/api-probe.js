'use strict';
/**
 * Preloaded into the API child (`node -r bench/lib/api-probe.js apps/api/dist/main.js`), outside the
 * API's code: answers the bench over the IPC channel with memory (after a forced GC when --expose-gc),
 * CPU time, event-loop delay, and takes CPU profiles on request. Exits when the bench goes away.
 */
const { monitorEventLoopDelay } = require('node:perf_hooks');
const fs = require('node:fs');

if (process.send) {
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  let session = null;
  const ms = (ns) => Math.round((ns / 1e6) * 1000) / 1000;

  const handlers = {
    async mem() {
      if (global.gc) {
        global.gc();
        await new Promise((r) => setTimeout(r, 50));
        global.gc();
      }
      const status = fs.readFileSync('/proc/self/status', 'utf8');
      const kb = (k) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
      return { ...process.memoryUsage(), vmRssKb: kb('VmRSS'), vmHwmKb: kb('VmHWM'), gcForced: Boolean(global.gc) };
    },
    /** A V8 heap snapshot (after a forced GC), for finding what a socket costs: `node bench/lib/heap-diff.js a b`. */
    async heapSnapshot(arg) {
      if (global.gc) global.gc();
      return { file: require('node:v8').writeHeapSnapshot(arg?.file) };
    },
    async cpu() {
      return { ...process.cpuUsage(), uptimeMs: Math.round(process.uptime() * 1000) };
    },
    async loopReset() {
      loop.reset();
      return {};
    },
    async loop() {
      return { mean: ms(loop.mean), p50: ms(loop.percentile(50)), p99: ms(loop.percentile(99)), max: ms(loop.max) };
    },
    async profileStart() {
      const inspector = require('node:inspector');
      session = new inspector.Session();
      session.connect();
      const post = (m, p) => new Promise((res, rej) => session.post(m, p, (e, r) => (e ? rej(e) : res(r))));
      await post('Profiler.enable');
      await post('Profiler.setSamplingInterval', { interval: 500 });
      await post('Profiler.start');
      return {};
    },
    async profileStop(arg) {
      if (!session) throw new Error('no profile running');
      const profile = await new Promise((res, rej) => session.post('Profiler.stop', (e, r) => (e ? rej(e) : res(r.profile))));
      session.disconnect();
      session = null;
      if (arg?.file) {
        fs.writeFileSync(arg.file, JSON.stringify(profile));
        return { nodes: profile.nodes.length };
      }
      return profile;
    },
  };

  process.on('message', async (msg) => {
    if (!msg || msg.type !== 'probe') return;
    try {
      const result = await handlers[msg.cmd](msg.arg);
      process.send({ type: 'probe', id: msg.id, ok: true, result });
    } catch (e) {
      process.send({ type: 'probe', id: msg.id, ok: false, error: String(e?.stack ?? e) });
    }
  });
  process.channel?.unref?.();
  process.on('disconnect', () => process.exit(0));
}
