'use strict';
/**
 * 1. Update → event latency. One API instance, 2,000 authenticated socket.io clients (in two child
 * processes) subscribed to area boards that all cover the updated units (a third each on the
 * municipality, its region and its prefecture: the worst-case fan-out, every socket gets every
 * event). A provider's `POST /api/units/:id/vacancies/adjust`, sent one at a time; latency = arrival
 * of `vacancy:changed` at each socket − the moment just before the HTTP request was sent.
 * The floor: the same shape on a bare `ws` server (no HTTP, no Nest, no database): a publisher sends
 * a message of the same size, the server broadcasts it to the same 2,000 sockets.
 */
const path = require('node:path');
const { startApi, login, request, spawnNode, freePort, sleep } = require('../lib/api');
const { startFleets, now } = require('../lib/fleets');
const { summarize } = require('../lib/stats');
const { metric } = require('../lib/results');
const { withClient } = require('../lib/db');
const dates = require('../lib/dates');
const { rng } = require('../lib/rng');
const { summarizeProfile } = require('../lib/profile');
const { cpuMeter } = require('../lib/proc');
const WebSocket = require('ws');
const { io: ioClient } = require('socket.io-client');

const DEFAULTS = { sockets: 2000, fleets: 2, warmup: 20, events: 200, profiled: 40, gapMs: 20, timeoutMs: 3000, municipality: '43213', region: '43-uki', prefecture: '43' };

async function measureApi(ctx, p) {
  const api = await startApi(ctx.databaseUrl, { name: 'api-latency' });
  ctx.children.add(api.child);
  const fleets = await startFleets(p.fleets, ctx.children);
  try {
    // a seeded provider in the municipality, and its units
    const units = await withClient(ctx.databaseUrl, (c) =>
      c.query(`SELECT u.id, u.capacity, u.room_gender AS "roomGender", o.name AS org FROM units u JOIN organisations o ON o.id = u.organisation_id
               WHERE o.name = (SELECT min(name) FROM organisations WHERE name LIKE 'bench-org-%' AND municipality_code = $1) ORDER BY u.name`, [p.municipality]).then((r) => r.rows),
    );
    if (!units.length) throw new Error(`no seeded units in ${p.municipality}`);
    const staff = `bench-staff-${units[0].org.slice('bench-org-'.length)}@bench.example`;
    const [providerToken, coordinatorToken] = await Promise.all([login(api.url, staff), login(api.url, 'coordinator@uki-kikan.example')]);

    const { areas } = apiShape(p);
    const conn = await fleets.connect({ kind: 'socketio', url: api.url, tokens: [coordinatorToken], areas, concurrency: 50 }, p.sockets);
    if (conn.failed) throw new Error(`sockets failed to connect: ${JSON.stringify(conn.perFleet.map((f) => f.errors))}`);
    const counts = conn.perFleet.map((f) => f.connected);
    const clock = await fleets.clockOffsets();

    // current state of each unit, through the API
    const today = dates.today();
    const state = new Map();
    for (const u of units) {
      const r = await request(api.url, 'GET', `/api/units/${u.id}/vacancies?from=${dates.addDays(today, 1)}&to=${dates.addDays(today, 30)}`, { token: providerToken });
      if (r.status !== 200) throw new Error(`GET vacancies ${r.status} ${JSON.stringify(r.body)}`);
      state.set(u.id, { version: r.body.vacancyVersion, free: new Map(r.body.nights.map((n) => [`${n.night}/${n.gender}`, n.free])) });
    }
    const rand = rng(1);
    const latencies = [];
    const lastArrival = [];
    const http = [];
    const statuses = {};
    let missing = 0;
    await api.probe('loopReset');
    const cpu0 = await api.probe('cpu');
    const meter = cpuMeter({ api: api.pid, fleet0: fleets.children[0].pid, fleet1: fleets.children[1]?.pid ?? 0 });
    let machineCpu;
    const wall0 = now();
    let wallMs;
    let cpu1;
    let loop;
    for (let i = 0; i < p.warmup + p.events + p.profiled; i++) {
      if (i === p.warmup + p.events) {
        // measured part done: a few more updates under the CPU profiler, for where the API's time goes
        wallMs = now() - wall0;
        machineCpu = meter();
        cpu1 = await api.probe('cpu');
        loop = await api.probe('loop');
        await api.probe('profileStart');
      }
      const u = units[i % units.length];
      const s = state.get(u.id);
      const gender = u.roomGender === 'either' ? 'any' : u.roomGender;
      const night = dates.addDays(today, 1 + rand.int(30));
      const free = s.free.get(`${night}/${gender}`) ?? 0;
      const delta = free >= u.capacity ? -1 : free <= 0 ? 1 : rand.chance(0.5) ? 1 : -1;
      const body = { night, gender, delta, expectedVersion: s.version };
      const t0 = now();
      const r = await request(api.url, 'POST', `/api/units/${u.id}/vacancies/adjust`, { token: providerToken, body });
      const t1 = now();
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      if (r.status !== 200) {
        const cur = await request(api.url, 'GET', `/api/units/${u.id}/vacancies?from=${dates.addDays(today, 1)}&to=${dates.addDays(today, 30)}`, { token: providerToken });
        s.version = cur.body.vacancyVersion;
        for (const n of cur.body.nights) s.free.set(`${n.night}/${n.gender}`, n.free);
        continue;
      }
      s.version = r.body.vacancyVersion;
      for (const n of r.body.nights) s.free.set(`${n.night}/${n.gender}`, n.free);
      const times = await fleets.waitFor(`${u.id}:${s.version}`, counts, p.timeoutMs);
      if (i >= p.warmup && i < p.warmup + p.events) {
        http.push(t1 - t0);
        missing += p.sockets - times.length;
        let last = 0;
        for (const t of times) {
          latencies.push(t - t0);
          last = Math.max(last, t - t0);
        }
        lastArrival.push(last);
      }
      await sleep(p.gapMs);
    }
    let profile;
    try {
      profile = summarizeProfile(await api.probe('profileStop', null, 60_000));
    } catch (e) {
      profile = { error: String(e.message ?? e) };
    }
    const info = await fleets.info();
    return {
      latency: summarize(latencies),
      lastArrival: summarize(lastArrival),
      httpResponse: summarize(http),
      statuses,
      missing,
      connect: { ms: conn.perFleet.map((f) => f.ms), counts },
      clockOffsets: clock,
      payloadBytes: info[0].payloadBytes,
      samplePayload: info[0].samplePayload,
      apiCpuPercent: Math.round(((cpu1.user + cpu1.system - cpu0.user - cpu0.system) / 1000 / wallMs) * 100),
      apiEventLoopDelayMs: loop,
      cpu: machineCpu,
      units: units.map((u) => u.id),
      profile,
    };
  } finally {
    await fleets.close();
    await fleets.stop();
    await api.stop();
    ctx.children.delete(api.child);
  }
}

/** The socket.io floor's areas and rooms: the API run's subscriptions, and the rooms the API emits a unit's change to. */
function apiShape(p, samplePayload) {
  const { Rooms } = require(path.join(__dirname, '..', '..', 'libs', 'contracts', 'dist', 'index.js'));
  return {
    areas: [{ municipalityCode: p.municipality }, { regionId: p.region }, { prefectureCode: p.prefecture }],
    rooms: samplePayload
      ? [Rooms.organisation(samplePayload.organisationId), Rooms.municipality(samplePayload.municipalityCode), Rooms.region(p.region), Rooms.prefecture(p.prefecture)]
      : [],
  };
}

async function measureFloor(ctx, p, payloadBytes, kind, samplePayload) {
  const port = await freePort();
  const script = kind === 'ws' ? 'ws-floor-server.js' : 'socketio-floor-server.js';
  const server = spawnNode([path.join(__dirname, '..', 'lib', script), String(port)], { name: `${kind}-floor` });
  ctx.children.add(server);
  const fleets = await startFleets(p.fleets, ctx.children);
  let pub;
  try {
    await new Promise((resolve, reject) => {
      server.once('message', (m) => (m?.type === 'ready' ? resolve() : reject(new Error('ws floor server failed'))));
      server.once('exit', () => reject(new Error(`ws floor server exited: ${server.log.join('\n')}`)));
    });
    const url = kind === 'ws' ? `ws://127.0.0.1:${port}` : `http://127.0.0.1:${port}`;
    const shape = apiShape(p, samplePayload);
    const conn = await fleets.connect({ kind: kind === 'ws' ? 'ws' : 'socketio', url, tokens: ['-'], areas: kind === 'ws' ? [] : shape.areas, concurrency: 50 }, p.sockets);
    if (conn.failed) throw new Error(`${kind} sockets failed: ${JSON.stringify(conn.perFleet.map((f) => f.errors))}`);
    const counts = conn.perFleet.map((f) => f.connected);
    if (kind === 'ws') {
      pub = new WebSocket(url, { perMessageDeflate: false });
      await new Promise((resolve, reject) => {
        pub.once('open', resolve);
        pub.once('error', reject);
      });
    } else {
      pub = ioClient(url, { transports: ['websocket'], auth: { publisher: true }, reconnection: false, forceNew: true });
      await new Promise((resolve, reject) => {
        pub.once('connect', resolve);
        pub.once('connect_error', reject);
      });
    }
    const latencies = [];
    const lastArrival = [];
    let missing = 0;
    for (let i = 0; i < p.warmup + p.events; i++) {
      let id;
      let t0;
      if (kind === 'ws') {
        id = `f${i}`;
        const base = `{"pub":true,"id":"${id}","pad":""}`;
        const msg = `{"pub":true,"id":"${id}","pad":"${'x'.repeat(Math.max(0, (payloadBytes ?? 400) - base.length))}"}`;
        t0 = now();
        pub.send(msg);
      } else {
        // the API's own event payload, with a new version each time
        const payload = { ...samplePayload, vacancyVersion: 1_000_000 + i };
        id = `${payload.unitId}:${payload.vacancyVersion}`;
        t0 = now();
        pub.emit('pub', { rooms: shape.rooms, payload });
      }
      const times = await fleets.waitFor(id, counts, p.timeoutMs);
      if (i >= p.warmup) {
        missing += p.sockets - times.length;
        let last = 0;
        for (const t of times) {
          latencies.push(t - t0);
          last = Math.max(last, t - t0);
        }
        lastArrival.push(last);
      }
      await sleep(p.gapMs);
    }
    return { latency: summarize(latencies), lastArrival: summarize(lastArrival), missing, messageBytes: payloadBytes ?? 400 };
  } finally {
    if (pub?.terminate) pub.terminate();
    else pub?.disconnect();
    await fleets.close();
    await fleets.stop();
    await server.stop();
    ctx.children.delete(server);
  }
}

async function run(ctx) {
  const p = { ...DEFAULTS, ...(ctx.quick ? { sockets: 500, events: 50, warmup: 5 } : {}) };
  const api = await measureApi(ctx, p);
  const floor = await measureFloor(ctx, p, api.payloadBytes, 'ws');
  const sioFloor = await measureFloor(ctx, p, api.payloadBytes, 'socketio', api.samplePayload);
  return {
    parameters: { ...p, transport: 'websocket', subscriptions: 'round-robin: municipality / region / prefecture, all covering the updated units', request: 'POST /api/units/:id/vacancies/adjust, one at a time' },
    metrics: [
      metric('api_event_latency_p50', api.latency.p50, 'ms', '<= 15'),
      metric('api_event_latency_p99', api.latency.p99, 'ms', '<= 50'),
      metric('api_event_last_socket_p99', api.lastArrival.p99, 'ms', null, { note: 'per update: until the last of the sockets has it' }),
      metric('api_http_response_p50', api.httpResponse.p50, 'ms'),
      metric('machine_idle_during_api_run', api.cpu.machineIdle, '% of one core', null, { note: 'low = the shared machine was busy: compare with the floors of the same run' }),
      metric('api_events_missing', api.missing, 'deliveries', '== 0'),
      metric('floor_ws_latency_p50', floor.latency.p50, 'ms'),
      metric('floor_ws_latency_p99', floor.latency.p99, 'ms'),
      metric('floor_ws_last_socket_p99', floor.lastArrival.p99, 'ms'),
      metric('floor_socketio_latency_p50', sioFloor.latency.p50, 'ms', null, { note: 'bare socket.io server: same clients, subscriptions, rooms and payload as the API run' }),
      metric('floor_socketio_latency_p99', sioFloor.latency.p99, 'ms'),
      metric('api_vs_socketio_floor_p50_ratio', api.latency.p50 / sioFloor.latency.p50, '×', '<= 1.1', { note: 'API update → event against the bare socket.io floor of the same run' }),
      metric('api_vs_socketio_floor_p99_ratio', api.latency.p99 / sioFloor.latency.p99, '×', '<= 1.1'),
      metric('api_vs_ws_floor_p50_ratio', api.latency.p50 / floor.latency.p50, '×'),
      metric('api_vs_ws_floor_p99_ratio', api.latency.p99 / floor.latency.p99, '×'),
    ],
    details: { api, floor, socketioFloor: sioFloor },
  };
}

module.exports = { name: 'update-event-latency', run, DEFAULTS };
