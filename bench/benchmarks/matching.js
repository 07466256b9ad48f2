'use strict';
/**
 * Matching alone, at the seeded size. The candidate units of a prefecture-scope request are read once
 * per prefecture with the API's own SQL (the compiled `RequestMatcher` runs over a recording data
 * source: its units query is captured, timed on its own, then answered from memory), the vacancy rows
 * of each request are read with the API's own second query (timed), and `matchRequest()` from
 * libs/domain/dist is timed over exactly the `CandidateUnit[]` the API would hand it. ≥ 500 varied
 * requests (needs, nights, dates, every leaf municipality) after a warm-up; target p99 ≤ 20 ms for
 * `matchRequest()` alone. Beside it: the candidate queries' p99, the API matcher's in-process total,
 * and the end-to-end `POST /api/emergency-requests` (HTTP round trip against a fresh API).
 */
const path = require('node:path');
const inspector = require('node:inspector');
const { startApi, login, request } = require('../lib/api');
const { summarize } = require('../lib/stats');
const { metric } = require('../lib/results');
const { withClient } = require('../lib/db');
const { cpuMeter } = require('../lib/proc');
const { summarizeProfile } = require('../lib/profile');
const { emergencyRequests, apiMatcher } = require('../lib/emergency');
const { now } = require('../lib/fleets');

const DOMAIN_DIST = path.join(__dirname, '..', '..', 'libs', 'domain', 'dist');
const DEFAULTS = { warmup: 30, requests: 500, unitsQueryRuns: 20, posts: 120, postWarmup: 10, seed: 11 };

const isUnitsQuery = (sql) => /FROM units u WHERE u\.municipality_code = ANY/.test(sql);
const isVacancyQuery = (sql) => /FROM vacancies WHERE unit_id = ANY/.test(sql);

/** The CandidateUnit[] RequestMatcher.run() builds from its two queries (same shape, same order). */
function candidates(unitRows, vacancyRows, placeOf) {
  const units = unitRows.map(({ name: _n, municipalityCode, ...r }) => ({ ...r, place: placeOf.get(municipalityCode), vacancies: [] }));
  const byUnit = new Map(units.map((u) => [u.unitId, u]));
  for (const { unitId, ...row } of vacancyRows) byUnit.get(unitId).vacancies.push(row);
  return units;
}

async function inspectorPost(session, method, params) {
  return new Promise((res, rej) => session.post(method, params, (e, r) => (e ? rej(e) : res(r))));
}

async function measureMatching(ctx, p) {
  const { matchRequest } = require(DOMAIN_DIST);
  const m = await apiMatcher(ctx.databaseUrl);
  try {
    const municipalities = await withClient(ctx.databaseUrl, (c) =>
      c.query(`SELECT code, prefecture_code AS pref FROM municipalities m WHERE NOT EXISTS (SELECT 1 FROM municipalities w WHERE w.parent_code = m.code) ORDER BY code`).then((r) => r.rows),
    );
    const prefOf = new Map(municipalities.map((x) => [x.code, x.pref]));
    const all = emergencyRequests(p.warmup + p.requests, p.seed, municipalities.map((x) => x.code));

    // 1. the API's units query for each prefecture: captured from the compiled matcher, then timed alone
    const unitsByPref = new Map();
    const unitsQuery = [];
    const unitsQueryByPref = {};
    for (const pref of [...new Set(municipalities.map((x) => x.pref))]) {
      const code = municipalities.find((x) => x.pref === pref).code;
      m.db.reset();
      await m.matcher.match({ needs: all[0].needs, municipalityCode: code, from: all[0].from, nights: all[0].nights }, 'prefecture');
      const call = m.db.calls.find((c) => isUnitsQuery(c.sql));
      if (!call) throw new Error('the matcher ran no units query');
      const times = [];
      for (let i = 0; i < p.unitsQueryRuns; i++) {
        m.db.reset();
        await m.db.query(call.sql, call.params);
        times.push(m.db.calls[0].ms);
      }
      unitsQuery.push(...times);
      unitsQueryByPref[pref] = { units: call.rows.length, ...summarize(times) };
      unitsByPref.set(pref, { sql: call.sql, params: JSON.stringify(call.params), rows: call.rows });
    }
    // answer the units query from memory from now on (it was timed above)
    const realQuery = m.db.query.bind(m.db);
    m.db.query = async function (sql, params) {
      if (isUnitsQuery(sql)) {
        const hit = [...unitsByPref.values()].find((u) => u.params === JSON.stringify(params));
        if (hit) {
          this.calls.push({ sql, params, rows: hit.rows, ms: 0, cached: true });
          return hit.rows;
        }
      }
      return realQuery(sql, params);
    };
    const placeOf = new Map();
    for (const x of municipalities) placeOf.set(x.code, await m.matcher.place(x.code));

    // 2. per request: the API matcher (vacancy query real, units from memory), then matchRequest() alone
    const matchMs = [];
    const matchMsByPref = {};
    const vacancyQuery = [];
    const matcherInProcess = [];
    const considered = [];
    const matched = [];
    const vacancyRowCounts = [];
    let drift = 0;
    let profile = null;
    let session = null;
    const meter = cpuMeter({ bench: process.pid });
    for (const [i, q] of all.entries()) {
      const measured = i >= p.warmup;
      if (i === p.warmup + p.requests - 100) {
        // the last 100 requests under a CPU profiler too (sampled; its cost is in those samples)
        session = new inspector.Session();
        session.connect();
        await inspectorPost(session, 'Profiler.enable');
        await inspectorPost(session, 'Profiler.setSamplingInterval', { interval: 200 });
        await inspectorPost(session, 'Profiler.start');
      }
      const input = { needs: q.needs, municipalityCode: q.municipalityCode, from: q.from, nights: q.nights };
      const at = new Date();
      m.db.reset();
      const t0 = performance.now();
      const outcome = await m.matcher.match(input, 'prefecture', at);
      const total = performance.now() - t0;
      const units = m.db.calls.find((c) => isUnitsQuery(c.sql));
      const vac = m.db.calls.find((c) => isVacancyQuery(c.sql));
      const home = await m.matcher.place(q.municipalityCode);
      const req = { needs: q.needs, home, from: q.from, nights: q.nights, scope: 'prefecture', now: at, contractedOrganisationId: null, policy: m.policy };
      const cands = candidates(units.rows, vac?.rows ?? [], placeOf);
      const t1 = performance.now();
      const result = matchRequest(req, cands);
      const ms = performance.now() - t1;
      if (result.matches.length !== outcome.result.matches.length || result.considered.units !== outcome.result.considered.units) drift++;
      if (!measured) continue;
      matchMs.push(ms);
      (matchMsByPref[prefOf.get(q.municipalityCode)] ??= []).push(ms);
      if (vac) vacancyQuery.push(vac.ms);
      vacancyRowCounts.push(vac?.rows.length ?? 0);
      matcherInProcess.push(total);
      considered.push(result.considered.units);
      matched.push(new Set(result.matches.map((x) => x.organisationId)).size);
    }
    if (session) {
      const { profile: prof } = await inspectorPost(session, 'Profiler.stop');
      session.disconnect();
      profile = summarizeProfile(prof);
    }
    const cpu = meter();
    return {
      matchRequest: summarize(matchMs),
      matchRequestByPrefecture: Object.fromEntries(Object.entries(matchMsByPref).map(([k, v]) => [k, summarize(v)])),
      unitsQuery: summarize(unitsQuery),
      unitsQueryByPref,
      vacancyQuery: summarize(vacancyQuery),
      vacancyRows: summarize(vacancyRowCounts),
      matcherInProcess: summarize(matcherInProcess),
      consideredUnits: summarize(considered),
      matchedProviders: summarize(matched),
      drift,
      cpu,
      profile,
    };
  } finally {
    await m.close();
  }
}

/** End-to-end POST /api/emergency-requests against a fresh API: what the coordinator waits for. */
async function measurePost(ctx, p) {
  const api = await startApi(ctx.databaseUrl, { name: 'api-matching' });
  ctx.children.add(api.child);
  try {
    const token = await login(api.url, 'coordinator@uki-kikan.example');
    const municipalities = await withClient(ctx.databaseUrl, (c) =>
      c.query(`SELECT code FROM municipalities m WHERE NOT EXISTS (SELECT 1 FROM municipalities w WHERE w.parent_code = m.code) ORDER BY code`).then((r) => r.rows.map((x) => x.code)),
    );
    const all = emergencyRequests(p.postWarmup + p.posts, p.seed + 1, municipalities);
    const times = [];
    const byScope = {};
    const statuses = {};
    const errors = [];
    await api.probe('loopReset');
    const meter = cpuMeter({ api: api.pid });
    for (const [i, body] of all.entries()) {
      const t0 = now();
      const r = await request(api.url, 'POST', '/api/emergency-requests', { token, body }).catch((e) => ({ status: `error: ${e.message}`, body: null }));
      const ms = now() - t0;
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      if (r.status !== 201 && errors.length < 5) errors.push({ status: r.status, body: r.body });
      if (i < p.postWarmup || r.status !== 201) continue;
      times.push(ms);
      (byScope[r.body.scope] ??= []).push(ms);
    }
    const cpu = meter();
    return {
      http: summarize(times),
      byScope: Object.fromEntries(Object.entries(byScope).map(([k, v]) => [k, summarize(v)])),
      statuses,
      errors,
      cpu,
      apiEventLoopDelayMs: await api.probe('loop'),
    };
  } finally {
    await api.stop();
    ctx.children.delete(api.child);
  }
}

async function run(ctx) {
  const p = { ...DEFAULTS, ...(ctx.quick ? { warmup: 10, requests: 150, unitsQueryRuns: 5, posts: 40 } : {}) };
  const matching = await measureMatching(ctx, p);
  const post = await measurePost(ctx, p);
  const big = Object.entries(matching.unitsQueryByPref).sort((a, b) => b[1].units - a[1].units)[0];
  return {
    parameters: {
      ...p,
      scope: 'prefecture (the widest: every unit of the prefecture is a candidate)',
      municipalities: 'every leaf municipality, round robin (prefectures 43, 12, 32)',
      note: 'matchRequest() timed alone on the CandidateUnit[] RequestMatcher.run() builds; units query answered from memory after being timed on its own',
    },
    metrics: [
      metric('matching_p50', matching.matchRequest.p50, 'ms'),
      metric('matching_p99', matching.matchRequest.p99, 'ms', '<= 20', { note: 'libs/domain matchRequest() alone, prefecture scope' }),
      metric(`matching_p99_prefecture_${big[0]}`, matching.matchRequestByPrefecture[big[0]]?.p99, 'ms', null, { note: `the largest prefecture: ${big[1].units} candidate units` }),
      metric('matching_requests', matching.matchRequest.count, 'requests', '>= 500'),
      metric('matching_drift', matching.drift, 'requests', '== 0', { note: 'requests where the bench-built candidates gave another result than the API matcher' }),
      metric('candidate_units_query_p99', matching.unitsQuery.p99, 'ms', null, { note: `API's units query, prefecture scope (${big[1].units} rows for ${big[0]})` }),
      metric('candidate_vacancies_query_p99', matching.vacancyQuery.p99, 'ms', null, { note: "API's vacancy query for the units passing the filters" }),
      metric('api_matcher_in_process_p99', matching.matcherInProcess.p99, 'ms', null, { note: 'RequestMatcher.match(prefecture) without the units query: vacancy query + preparation + matchRequest' }),
      metric('post_http_p50', post.http.p50, 'ms'),
      metric('post_http_p99', post.http.p99, 'ms', null, { note: 'POST /api/emergency-requests round trip (starts at the municipality, widens while nobody matches)' }),
      metric('machine_idle_during_matching', matching.cpu.machineIdle, '% of one core', null, { note: 'low = the shared machine was busy' }),
      metric('machine_idle_during_posts', post.cpu.machineIdle, '% of one core'),
    ],
    details: { matching, post },
  };
}

module.exports = { name: 'matching', run, DEFAULTS };
