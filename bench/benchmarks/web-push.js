'use strict';
/**
 * Emergency request → Web Push (issue 12), beside the socket figure for the same requests. One API
 * instance; the stand-in push service the API's tests use (tools/push-service: verifies each VAPID
 * JWT and decrypts each RFC 8291 payload before answering 201) in a child process of its own, its
 * throwaway certificate trusted by the API through NODE_EXTRA_CA_CERTS. A coordinator's request in
 * one municipality is matched to the providers that can take it; 500 devices (push subscriptions,
 * as the settings page stores them) are spread over the staff of those providers, and each provider's
 * staff user also has a live socket. Then the same request is posted again and again, one at a time:
 * latency = the push service accepting each device's push (its 201) − the instant just before the
 * POST was sent (so it covers the commit, the outbox, the dispatcher's NOTIFY wake-up and the sending
 * of all 500 with the sender's bounded concurrency); beside it, the `request:received` arrival at
 * each socket of the same providers. The push service's most requests open at once shows the bound.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { Client } = require('pg');
const { startApi, login, request, sleep } = require('../lib/api');
const { startInboxFleets, now } = require('../lib/inbox-fleet');
const { startPushStandIn } = require('../lib/push-stand-in');
const { summarize } = require('../lib/stats');
const { metric } = require('../lib/results');
const { cpuMeter } = require('../lib/proc');
const { emergencyRequests, serveEverywhere } = require('../lib/emergency');
const { signedTokens } = require('../lib/tokens');

const DEFAULTS = {
  devices: 500,
  warmup: 3,
  requests: 30,
  gapMs: 200,
  timeoutMs: 10_000,
  /** Candidate requests tried for the one matched to the most providers (the devices are theirs). */
  candidates: 8,
  seed: 41,
  municipalities: ['43213', '43443', '43202'],
  /** PushSender's CONCURRENCY (apps/api/src/push/push-sender.service.ts): what "bounded" is checked against. */
  senderConcurrency: 32,
};

async function run(ctx) {
  const p = { ...DEFAULTS, ...(ctx.quick ? { requests: 8, warmup: 2 } : {}) };
  const secret = crypto.randomBytes(32).toString('base64url');
  const push = await startPushStandIn(ctx.children);
  const certFile = path.join(os.tmpdir(), `akiwa-bench-push-${process.pid}.pem`);
  fs.writeFileSync(certFile, push.cert);
  let api;
  let fleets;
  const pg = new Client({ connectionString: ctx.databaseUrl });
  try {
    api = await startApi(ctx.databaseUrl, { name: 'api-web-push', env: { JWT_SECRET: secret, NODE_EXTRA_CA_CERTS: certFile } });
    ctx.children.add(api.child);
    await pg.connect();
    await serveEverywhere(ctx.databaseUrl);
    const coordinator = await login(api.url, 'coordinator@uki-kikan.example');

    // the candidate matched to the most providers
    let body = null;
    let providers = [];
    for (const candidate of emergencyRequests(p.candidates, p.seed, p.municipalities)) {
      const r = await request(api.url, 'POST', '/api/emergency-requests', { token: coordinator, body: { ...candidate, urgency: 'emergency' } });
      if (r.status !== 201) throw new Error(`probe POST: ${r.status} ${JSON.stringify(r.body)}`);
      const { rows } = await pg.query(
        `SELECT r.organisation_id AS "organisationId", u.id AS "userId" FROM request_recipients r
         JOIN users u ON u.organisation_id = r.organisation_id AND u.role = 'provider_staff' AND u.active
         WHERE r.request_id = $1 ORDER BY u.email`,
        [r.body.id],
      );
      if (rows.length > providers.length) [body, providers] = [{ ...candidate, urgency: 'emergency' }, rows];
    }
    if (!providers.length) throw new Error('no candidate request was matched to any provider');

    // 500 devices over the matched providers' staff, stored as POST /api/push/subscriptions stores them
    const names = Array.from({ length: p.devices }, (_, i) => `bench-device-${i}`);
    const subs = await push.call('devices', { names });
    const ownerOf = names.map((_, i) => providers[i % providers.length]);
    await pg.query(
      `INSERT INTO push_subscriptions(user_id, endpoint, p256dh, auth, label, created_at)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[])`,
      [ownerOf.map((o) => o.userId), subs.map((s) => s.endpoint), subs.map((s) => s.keys.p256dh), subs.map((s) => s.keys.auth), names.map(() => 'ベンチ端末'), names.map(() => new Date())],
    );
    const devicesOf = new Map();
    for (const o of ownerOf) devicesOf.set(o.organisationId, (devicesOf.get(o.organisationId) ?? 0) + 1);

    // a socket per matched provider, beside the pushes
    fleets = startInboxFleets(1, ctx.children);
    const tokens = await signedTokens(pg, providers.map((o) => ({ userId: o.userId, organisationId: o.organisationId, role: 'provider_staff' })), secret);
    const conn = await fleets.connect(api.url, [tokens]);
    if (conn.failed) throw new Error(`sockets failed to connect: ${JSON.stringify(conn.perFleet.map((f) => f.errors))}`);
    const socketsOf = new Map();
    for (const o of providers) socketsOf.set(o.organisationId, (socketsOf.get(o.organisationId) ?? 0) + 1);
    const clock = { pushService: await push.clockOffsets(), sockets: await fleets.clockOffsets() };

    const pushLatency = [];
    const pushFromAnswer = [];
    const lastPush = [];
    const socketLatency = [];
    const http = [];
    const devicesPerRequest = [];
    const statuses = {};
    const ids = [];
    let missingPushes = 0;
    let missingSockets = 0;
    let notUrgent = 0;
    let wrongDevice = 0;
    const meter = cpuMeter({ api: api.pid, pushService: push.child.pid, fleet: fleets.children[0].pid });
    for (let i = 0; i < p.warmup + p.requests; i++) {
      const measured = i >= p.warmup;
      if (i === p.warmup) await push.call('counts', { reset: true });
      const t0 = now();
      const r = await request(api.url, 'POST', '/api/emergency-requests', { token: coordinator, body: { ...body, situation: `bench: 介護者の急病のため緊急の短期入所が必要 push #${i}` } }).catch((e) => ({ status: `error: ${e.message}` }));
      const t1 = now();
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      if (r.status !== 201) continue;
      const { rows } = await pg.query(`SELECT organisation_id AS id FROM request_recipients WHERE request_id = $1`, [r.body.id]);
      const expected = rows.reduce((s, x) => s + (devicesOf.get(x.id) ?? 0), 0);
      const expectedSockets = rows.reduce((s, x) => s + (socketsOf.get(x.id) ?? 0), 0);
      const [pushed, heard] = await Promise.all([
        push.call('waitFor', { key: `request-${r.body.id}`, count: expected, timeoutMs: p.timeoutMs }, p.timeoutMs + 10_000),
        fleets.waitFor(r.body.id, [expectedSockets], p.timeoutMs),
      ]);
      if (!measured) continue;
      ids.push(r.body.id);
      http.push(t1 - t0);
      devicesPerRequest.push(expected);
      missingPushes += Math.max(0, expected - pushed.t.length);
      missingSockets += Math.max(0, expectedSockets - heard.t.length);
      notUrgent += pushed.t.length - pushed.urgent;
      const told = new Set(rows.map((x) => x.id));
      wrongDevice += pushed.device.filter((d) => !told.has(ownerOf[Number(d.slice('bench-device-'.length))].organisationId)).length;
      for (const t of pushed.t) {
        pushLatency.push(t - t0);
        pushFromAnswer.push(t - t1);
      }
      if (pushed.t.length) lastPush.push(Math.max(...pushed.t) - t0);
      for (const t of heard.t) socketLatency.push(t - t0);
      await sleep(p.gapMs);
    }
    const cpu = meter();
    await sleep(300);
    const counts = await push.call('counts');
    const left = await push.call('leftovers');
    const late = ids.reduce((s, id) => s + (left[`request-${id}`] ?? 0), 0);
    const result = {
      pushLatency: summarize(pushLatency),
      pushLastDevice: summarize(lastPush),
      pushFromHttpAnswer: summarize(pushFromAnswer),
      socketLatency: summarize(socketLatency),
      httpResponse: summarize(http),
      devicesPerRequest: summarize(devicesPerRequest),
      matchedProviders: providers.length,
      statuses,
      missingPushes,
      missingSockets,
      lateOrUnexpectedPushes: late,
      wrongDevice,
      notUrgent,
      pushService: counts,
      clockOffsets: clock,
      cpu,
      request: body,
    };
    return {
      parameters: {
        ...p,
        pushService: 'tools/push-service (HTTPS, verifies VAPID, decrypts aes128gcm) in its own process',
        request: `POST /api/emergency-requests as coordinator@uki-kikan.example, urgency emergency, one at a time (${providers.length} providers matched)`,
        devices: `${p.devices} push subscriptions over the staff of the ${providers.length} matched providers; one socket per provider`,
      },
      metrics: [
        metric('push_accepted_p50', result.pushLatency.p50, 'ms', null, { note: 'per device: the push service accepts it − just before the POST' }),
        metric('push_accepted_p99', result.pushLatency.p99, 'ms', '<= 1000', { note: `${result.devicesPerRequest.p50} devices per request` }),
        metric('push_last_device_p99', result.pushLastDevice.p99, 'ms', null, { note: 'per request: until the last device' }),
        metric('socket_beside_push_p50', result.socketLatency.p50, 'ms', null, { note: 'request:received at a socket of the same providers, same requests' }),
        metric('socket_beside_push_p99', result.socketLatency.p99, 'ms'),
        metric('pushes_measured', pushLatency.length, 'pushes', `>= ${p.requests * p.devices}`),
        metric('push_missing', missingPushes + late + wrongDevice + notUrgent, 'pushes', '== 0', { note: 'not accepted within the wait, arrived late, to a device of a provider not told, or without Urgency: high' }),
        metric('push_service_max_concurrent', counts.maxInFlight, 'requests', `<= ${p.senderConcurrency}`, { note: "the most push requests open at once: the sender's bound" }),
        metric('machine_idle_during_run', cpu.machineIdle, '% of one core', null, { note: 'low = the shared machine was busy' }),
      ],
      details: result,
    };
  } finally {
    await pg.end().catch(() => undefined);
    await fleets?.close();
    await fleets?.stop();
    if (api) {
      await api.stop();
      ctx.children.delete(api.child);
    }
    await push.stop();
    fs.rmSync(certFile, { force: true });
  }
}

module.exports = { name: 'web-push', run, DEFAULTS };
