'use strict';
/**
 * Emergency request → provider push. One API instance on the seeded 10,000 providers / 50,000 units;
 * 2,000 socket.io clients (two child processes, bench/lib/inbox-fleet.js) of provider staff: every
 * seeded provider of five request municipalities that has an emergency-capable unit gets a socket
 * (its seeded `bench-staff-…` user), and the rest of the 2,000 are second staff users created for
 * some of them (`bench-staff2-…`, demo password hash). Each socket joins its organisation's room on
 * connect. A coordinator (coordinator@uki-kikan.example) posts `POST /api/emergency-requests` one at
 * a time with varied needs, nights and municipalities; the organisations told are read back from
 * `request_recipients` (the response's `matchedProviders` is checked against them), and latency =
 * arrival of `request:received` at each socket of those organisations − the instant just before the
 * POST was sent. Then 40 more posts under the API's CPU profiler (not in the numbers).
 */
const crypto = require('node:crypto');
const { Client } = require('pg');
const { startApi, login, request, sleep } = require('../lib/api');
const { startInboxFleets, now } = require('../lib/inbox-fleet');
const { summarize } = require('../lib/stats');
const { metric } = require('../lib/results');
const { withClient } = require('../lib/db');
const { cpuMeter } = require('../lib/proc');
const { summarizeProfile } = require('../lib/profile');
const { emergencyRequests, serveEverywhere } = require('../lib/emergency');
const { signedTokens } = require('../lib/tokens');

const DEFAULTS = {
  sockets: 2000,
  fleets: 2,
  warmup: 20,
  requests: 200,
  profiled: 40,
  gapMs: 20,
  timeoutMs: 3000,
  seed: 23,
  // cities and towns (not wards: a ward's municipality scope is its whole city, 5 × 455 providers), in 3 prefectures and 5 regions
  municipalities: ['43213', '43443', '43202', '12211', '32201'],
};

/** Organisations with sockets and a token per socket (tokens signed like the API's, with the API's secret). */
async function prepareStaff(url, p, secret) {
  return withClient(url, async (c) => {
    const { rows: orgs } = await c.query(
      `SELECT o.id, u.id AS "userId" FROM organisations o JOIN users u ON u.organisation_id = o.id AND u.email = 'bench-staff-' || substr(o.name, 11) || '@bench.example'
       WHERE o.name LIKE 'bench-org-%' AND o.municipality_code = ANY($1::text[]) AND EXISTS (SELECT 1 FROM units x WHERE x.organisation_id = o.id AND x.emergency_ok AND x.retired_at IS NULL)
       ORDER BY o.name LIMIT $2`,
      [p.municipalities, p.sockets],
    );
    const extra = p.sockets - orgs.length;
    let second = [];
    if (extra > 0) {
      const { rows: [{ hash }] } = await c.query(`SELECT password_hash AS hash FROM users WHERE lower(email) = 'staff@ukisato-ss.example'`);
      const ids = orgs.slice(0, extra).map((o) => o.id);
      await c.query(
        `INSERT INTO users(organisation_id, email, display_name, role, password_hash)
         SELECT o.id, 'bench-staff2-' || substr(o.name, 11) || '@bench.example', 'ベンチ職員2 ' || substr(o.name, 11), 'provider_staff', $2
         FROM organisations o WHERE o.id = ANY($1::uuid[])
           AND NOT EXISTS (SELECT 1 FROM users u WHERE lower(u.email) = 'bench-staff2-' || substr(o.name, 11) || '@bench.example')`,
        [ids, hash],
      );
      second = (
        await c.query(`SELECT u.id AS "userId", u.organisation_id AS id FROM users u WHERE u.organisation_id = ANY($1::uuid[]) AND u.email LIKE 'bench-staff2-%' ORDER BY u.email`, [ids])
      ).rows;
    }
    const staff = [...orgs, ...second];
    const { rows: [stock] } = await c.query(
      `SELECT count(*) FILTER (WHERE u.emergency_ok)::int AS "emergencyOkUnits",
              count(*) FILTER (WHERE u.emergency_ok AND v.free > 0 AND v.confirmed_at > now() - interval '24 hours')::int AS "emergencyOkFreeFreshTonight",
              count(DISTINCT u.organisation_id) FILTER (WHERE u.emergency_ok AND v.free > 0 AND v.confirmed_at > now() - interval '24 hours')::int AS "providersWithThoseUnits"
       FROM units u LEFT JOIN vacancies v ON v.unit_id = u.id AND v.night = (now() AT TIME ZONE 'Asia/Tokyo')::date
       WHERE u.municipality_code = ANY($1::text[]) AND u.retired_at IS NULL`,
      [p.municipalities],
    );
    const tokens = await signedTokens(c, staff.map((s) => ({ userId: s.userId, organisationId: s.id, role: 'provider_staff' })), secret);
    return { staff, tokens, organisations: orgs.length, secondUsers: second.length, stock };
  });
}

async function run(ctx) {
  const p = { ...DEFAULTS, ...(ctx.quick ? { sockets: 500, requests: 60, warmup: 5, profiled: 10 } : {}) };
  const secret = crypto.randomBytes(32).toString('base64url');
  const prepared = await prepareStaff(ctx.databaseUrl, p, secret);
  const api = await startApi(ctx.databaseUrl, { name: 'api-emergency-push', env: { JWT_SECRET: secret } });
  ctx.children.add(api.child);
  const fleets = startInboxFleets(p.fleets, ctx.children);
  const pg = new Client({ connectionString: ctx.databaseUrl });
  await pg.connect();
  try {
    await serveEverywhere(ctx.databaseUrl);
    const coordinator = await login(api.url, 'coordinator@uki-kikan.example');
    // one socket per fleet logs in for real (the rest use tokens signed with the API's secret, same claims)
    const { rows: emails } = await pg.query(`SELECT email FROM users WHERE id = ANY($1::uuid[])`, [prepared.staff.slice(0, p.fleets).map((s) => s.userId)]);
    const realTokens = await Promise.all(emails.map((e) => login(api.url, e.email)));
    realTokens.forEach((t, i) => (prepared.tokens[i] = t));

    // sockets split round robin over the fleets; per fleet, sockets per organisation
    const perFleet = Array.from({ length: p.fleets }, () => []);
    const socketsOf = Array.from({ length: p.fleets }, () => new Map());
    prepared.staff.forEach((s, i) => {
      perFleet[i % p.fleets].push(prepared.tokens[i]);
      socketsOf[i % p.fleets].set(s.id, (socketsOf[i % p.fleets].get(s.id) ?? 0) + 1);
    });
    const conn = await fleets.connect(api.url, perFleet);
    if (conn.failed) throw new Error(`sockets failed to connect: ${JSON.stringify(conn.perFleet.map((f) => f.errors))}`);
    const clock = await fleets.clockOffsets();

    const all = emergencyRequests(p.warmup + p.requests + p.profiled, p.seed, p.municipalities);
    const latencies = [];
    const lastArrival = [];
    const http = [];
    const statuses = {};
    const errors = [];
    const matchedProviders = [];
    const deliveries = [];
    const scopes = {};
    /** scope reached → { http: [], last: [] } (a widened post matches every scope it went through before pushing) */
    const byScope = {};
    const measuredIds = [];
    let missing = 0;
    let wrongOrganisation = 0;
    let countMismatch = 0;
    let sent = 0;
    await api.probe('loopReset');
    const cpu0 = await api.probe('cpu');
    const meter = cpuMeter({ api: api.pid, fleet0: fleets.children[0].pid, fleet1: fleets.children[1]?.pid ?? 0 });
    const wall0 = now();
    let wallMs;
    let machineCpu;
    let cpu1;
    let loop;
    for (let i = 0; i < all.length; i++) {
      if (i === p.warmup + p.requests) {
        wallMs = now() - wall0;
        machineCpu = meter();
        cpu1 = await api.probe('cpu');
        loop = await api.probe('loop');
        await api.probe('profileStart');
      }
      const measured = i >= p.warmup && i < p.warmup + p.requests;
      const t0 = now();
      const r = await request(api.url, 'POST', '/api/emergency-requests', { token: coordinator, body: all[i] }).catch((e) => ({ status: `error: ${e.message}`, body: null }));
      const t1 = now();
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      if (r.status !== 201) {
        if (errors.length < 5) errors.push({ status: r.status, body: r.body });
        continue;
      }
      const id = r.body.id;
      const { rows } = await pg.query(`SELECT organisation_id AS id FROM request_recipients WHERE request_id = $1`, [id]);
      const told = new Set(rows.map((x) => x.id));
      const counts = socketsOf.map((m) => rows.reduce((s, x) => s + (m.get(x.id) ?? 0), 0));
      const expected = counts.reduce((a, b) => a + b, 0);
      const got = await fleets.waitFor(id, counts, p.timeoutMs);
      if (!measured) continue;
      sent++;
      measuredIds.push(id);
      http.push(t1 - t0);
      scopes[r.body.scope] = (scopes[r.body.scope] ?? 0) + 1;
      matchedProviders.push(told.size);
      deliveries.push(expected);
      if (r.body.matchedProviders !== told.size) countMismatch++;
      missing += Math.max(0, expected - got.t.length);
      wrongOrganisation += got.org.filter((o) => !told.has(o)).length;
      let last = 0;
      for (const t of got.t) {
        latencies.push(t - t0);
        last = Math.max(last, t - t0);
      }
      if (got.t.length) lastArrival.push(last);
      const sc = (byScope[r.body.scope] ??= { http: [], last: [] });
      sc.http.push(t1 - t0);
      if (got.t.length) sc.last.push(last);
      await sleep(p.gapMs);
    }
    let profile;
    try {
      profile = summarizeProfile(await api.probe('profileStop', null, 60_000));
    } catch (e) {
      profile = { error: String(e.message ?? e) };
    }
    await sleep(200);
    const left = await fleets.leftovers();
    const late = left.reduce((s, l) => s + measuredIds.reduce((a, id) => a + (l[id] ?? 0), 0), 0);
    const info = await fleets.info();
    const delivered = summarize(deliveries);
    const result = {
      latency: summarize(latencies),
      lastArrival: summarize(lastArrival),
      httpResponse: summarize(http),
      matchedProviders: summarize(matchedProviders),
      deliveriesPerRequest: delivered,
      requestsWithoutDelivery: deliveries.filter((d) => d === 0).length,
      scopes,
      byScope: Object.fromEntries(Object.entries(byScope).map(([k, v]) => [k, { http: summarize(v.http), lastArrival: summarize(v.last) }])),
      statuses,
      errors,
      missing,
      lateOrUnexpected: late,
      wrongOrganisation,
      matchedProvidersMismatch: countMismatch,
      connect: { ms: conn.perFleet.map((f) => f.ms), counts: conn.perFleet.map((f) => f.connected) },
      clockOffsets: clock,
      payloadBytes: info[0].payloadBytes,
      samplePayload: info[0].samplePayload,
      apiCpuPercent: Math.round(((cpu1.user + cpu1.system - cpu0.user - cpu0.system) / 1000 / wallMs) * 100),
      apiEventLoopDelayMs: loop,
      cpu: machineCpu,
      staff: { organisations: prepared.organisations, secondUsers: prepared.secondUsers, realLogins: realTokens.length },
      stock: prepared.stock,
      profile,
    };
    return {
      parameters: {
        ...p,
        transport: 'websocket',
        request: 'POST /api/emergency-requests as coordinator@uki-kikan.example, one at a time',
        sockets: `${prepared.organisations} providers with an emergency-capable unit in the request municipalities, one socket each; ${prepared.secondUsers} of them a second staff socket`,
      },
      metrics: [
        metric('push_latency_p50', result.latency.p50, 'ms', null, { note: 'per socket: request:received arrival − just before the POST' }),
        metric('push_latency_p99', result.latency.p99, 'ms', '<= 100'),
        metric('push_last_socket_p50', result.lastArrival.p50, 'ms'),
        metric('push_last_socket_p99', result.lastArrival.p99, 'ms', '<= 100', { note: 'per request: until the last matched provider socket has it' }),
        metric('post_http_p50', result.httpResponse.p50, 'ms'),
        metric('post_http_p99', result.httpResponse.p99, 'ms'),
        metric('requests_posted', sent, 'requests', '>= 200'),
        metric('push_deliveries', result.latency.count, 'deliveries', null, { note: `median ${delivered.p50} sockets per request, matched providers median ${result.matchedProviders.p50}` }),
        metric('push_missing', missing, 'deliveries', '== 0'),
        metric('push_wrong_organisation', wrongOrganisation + late, 'deliveries', '== 0', { note: 'arrivals at a socket of an organisation not told, or after the wait' }),
        metric('machine_idle_during_run', machineCpu.machineIdle, '% of one core', null, { note: 'low = the shared machine was busy' }),
      ],
      details: result,
    };
  } finally {
    await pg.end().catch(() => undefined);
    await fleets.close();
    await fleets.stop();
    await api.stop();
    ctx.children.delete(api.child);
  }
}

module.exports = { name: 'emergency-push', run, DEFAULTS };
