'use strict';
/**
 * 2. Idle memory per socket: RSS and V8 heap of a fresh API process (after a forced GC, through the
 * preloaded probe) before and after 2,000 authenticated socket.io clients connect and subscribe to
 * an area board, then sit idle. Reported per socket; `rss_per_socket` judged ≤ 50 KB.
 */
const { startApi, login, sleep } = require('../lib/api');
const { startFleets } = require('../lib/fleets');
const { metric } = require('../lib/results');

const DEFAULTS = { sockets: 2000, fleets: 2, settleMs: 2000 };
const AREAS = [{ municipalityCode: '43213' }, { regionId: '43-kumamoto' }, { prefectureCode: '12' }, { municipalityCode: '32201' }, { regionId: '43-uki' }];

async function run(ctx) {
  const p = { ...DEFAULTS, ...(ctx.quick ? { sockets: 500 } : {}) };
  const api = await startApi(ctx.databaseUrl, { name: 'api-memory' });
  ctx.children.add(api.child);
  const fleets = await startFleets(p.fleets, ctx.children);
  try {
    const token = await login(api.url, 'coordinator@uki-kikan.example');
    // one socket first, so lazily created structures (socket.io namespaces, the area directory) are not counted per socket
    const warm = await fleets.call(fleets.children[0], 'connect', { kind: 'socketio', url: api.url, tokens: [token], areas: AREAS, count: 1 });
    if (warm.failed) throw new Error(`warm-up socket failed: ${JSON.stringify(warm.errors)}`);
    await sleep(p.settleMs);
    const before = await api.probe('mem');
    const snapshots = process.env.BENCH_HEAP_SNAPSHOTS; // a directory: heap snapshots before and after, to see where the memory goes
    if (snapshots) await api.probe('heapSnapshot', { file: `${snapshots}/before.heapsnapshot` }, 120_000);
    const conn = await fleets.connect({ kind: 'socketio', url: api.url, tokens: [token], areas: AREAS, concurrency: 50 }, p.sockets);
    if (conn.failed) throw new Error(`sockets failed: ${JSON.stringify(conn.perFleet.map((f) => f.errors))}`);
    await sleep(p.settleMs);
    const after = await api.probe('mem');
    if (snapshots) await api.probe('heapSnapshot', { file: `${snapshots}/after.heapsnapshot` }, 120_000);
    const n = conn.connected;
    const kb = (a, b) => (b - a) / 1024 / n;
    return {
      parameters: { ...p, subscribedAreas: AREAS, gcBeforeEachReading: before.gcForced, connectMs: conn.perFleet.map((f) => f.ms) },
      metrics: [
        metric('rss_per_socket', kb(before.rss, after.rss), 'KB', '<= 50'),
        metric('heap_used_per_socket', kb(before.heapUsed, after.heapUsed), 'KB'),
        metric('external_per_socket', kb(before.external + before.arrayBuffers, after.external + after.arrayBuffers), 'KB'),
        metric('rss_idle_before', before.rss / 2 ** 20, 'MB'),
        metric('rss_with_sockets', after.rss / 2 ** 20, 'MB'),
      ],
      details: { sockets: n, before, after },
    };
  } finally {
    await fleets.close();
    await fleets.stop();
    await api.stop();
    ctx.children.delete(api.child);
  }
}

module.exports = { name: 'idle-socket-memory', run, DEFAULTS };
