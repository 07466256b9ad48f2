'use strict';
/**
 * What every client fleet shares: the child's command loop over IPC, and the measurer's control of
 * a set of fleet children (clock offsets, info, close, stop). bench/lib/fleet.js (vacancy boards)
 * and bench/lib/inbox-fleet.js (provider inboxes) differ only in their commands.
 */

const now = () => performance.timeOrigin + performance.now();

/** Runs `fn` over `items` with at most `limit` in flight (connecting thousands of sockets gently). */
async function pool(items, limit, fn) {
  let i = 0;
  const results = new Array(items.length);
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (i < items.length) {
        const k = i++;
        results[k] = await fn(items[k], k);
      }
    }),
  );
  return results;
}

/** Counts failures by their (shortened) message, for a connect report. */
function failureTally() {
  const errors = {};
  let failed = 0;
  return {
    add(e) {
      failed++;
      const m = String(e?.message ?? e).slice(0, 120);
      errors[m] = (errors[m] ?? 0) + 1;
    },
    get failed() {
      return failed;
    },
    errors,
  };
}

/** Child side: answer the measurer's `{type: 'fleet', id, cmd, arg}` messages with `handlers[cmd](arg)`. */
function serveFleet(handlers) {
  process.on('message', async (msg) => {
    if (!msg || msg.type !== 'fleet') return;
    try {
      const result = await handlers[msg.cmd](msg.arg ?? {});
      process.send({ type: 'fleet', id: msg.id, ok: true, result });
    } catch (e) {
      process.send({ type: 'fleet', id: msg.id, ok: false, error: String(e?.stack ?? e) });
    }
  });
  process.on('disconnect', () => process.exit(0));
}

/** Measurer side: the commands every fleet answers, over its spawned children. */
function fleetControl(children, registry) {
  const call = (f, cmd, arg, ms) => f.call('fleet', cmd, arg, ms);
  return {
    children,
    call,
    /**
     * Offset of each fleet's clock against ours (should be ~0: both are performance.timeOrigin-based
     * wall clocks on one machine), from the round trip with the smallest RTT.
     */
    async clockOffsets(rounds = 30) {
      const out = [];
      for (const f of children) {
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
    info: () => Promise.all(children.map((f) => call(f, 'info'))),
    close: () => Promise.all(children.map((f) => call(f, 'close').catch(() => undefined))),
    async stop() {
      await Promise.all(children.map((f) => f.stop()));
      for (const f of children) registry?.delete(f);
    },
  };
}

module.exports = { now, pool, failureTally, serveFleet, fleetControl };
