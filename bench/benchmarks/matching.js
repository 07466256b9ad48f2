'use strict';
/**
 * Matching alone, at the seeded size, on the realistic national database (targets; requests placed by
 * population) and on the dense seed (stress_*, reported only); see bench/README.md. The candidate units of a prefecture-scope request are read once
 * per prefecture with the API's own SQL (the compiled `RequestMatcher` runs over a recording data
 * source: its units query is captured, timed on its own, then answered from memory), the vacancy rows
 * of each request are read with the API's own second query (timed), and `matchRequest()` from
 * libs/domain/dist is timed over exactly the `CandidateUnit[]` the API would hand it. ≥ 500 varied
 * requests (needs, nights, dates, every leaf municipality) after a warm-up; target p99 ≤ 20 ms for
 * `matchRequest()` alone. Beside it: the candidate queries' p99, the API matcher's in-process total,
 * the API matcher with every query run for real (candidate loading), a check that its grouped units
 * query gives exactly the result of reading every unit one by one (`candidate_loading_drift`), and the
 * end-to-end `POST /api/emergency-requests` (HTTP round trip against a fresh API).
 */
const path = require('node:path');
const inspector = require('node:inspector');
const { startApi, login, request } = require('../lib/api');
const { summarize } = require('../lib/stats');
const { metric } = require('../lib/results');
const { withClient, API_DIST } = require('../lib/db');
const { cpuMeter } = require('../lib/proc');
const { summarizeProfile } = require('../lib/profile');
const { emergencyRequests, apiMatcher, serveEverywhere } = require('../lib/emergency');
const { realisticDatabase, picker, asStress } = require('../lib/realistic');
const { rng } = require('../lib/rng');
const { now } = require('../lib/fleets');

const DOMAIN_DIST = path.join(__dirname, '..', '..', 'libs', 'domain', 'dist');
const DEFAULTS = { warmup: 30, requests: 500, unitsQueryRuns: 20, posts: 120, postWarmup: 10, seed: 11 };

const PLAIN_UNITS_SQL = `SELECT u.id AS "unitId", u.organisation_id AS "organisationId", u.municipality_code AS "municipalityCode", u.categories,
  u.accepts_children AS "acceptsChildren", u.support_level_min AS "supportLevelMin", u.support_level_max AS "supportLevelMax", u.special_needs AS "specialNeeds",
  u.room_gender AS "roomGender", u.emergency_ok AS "emergencyOk" FROM units u WHERE u.municipality_code = ANY($1::text[]) AND u.retired_at IS NULL`;
const isUnitsQuery = (sql) => /FROM units u WHERE u\.municipality_code = ANY/.test(sql);
const isVacancyQuery = (sql) => /FROM vacancies WHERE unit_id = ANY/.test(sql);

/**
 * The CandidateUnit[] RequestMatcher.run() builds from its two queries (same shape, same order): the
 * rows of its units query expanded by the API's own `candidateUnits` (compiled), then its vacancy rows.
 */
function candidates(unitRows, vacancyRows, placeOf) {
  const { candidateUnits } = require(path.join(API_DIST, 'emergency-requests', 'request-matcher.service.js'));
  const units = candidateUnits(unitRows, (code) => placeOf.get(code));
  const byUnit = new Map(units.filter((u) => u.unitId).map((u) => [u.unitId, u]));
  for (const { unitId, ...row } of vacancyRows) byUnit.get(unitId).vacancies.push(row);
  return units;
}

async function inspectorPost(session, method, params) {
  return new Promise((res, rej) => session.post(method, params, (e, r) => (e ? rej(e) : res(r))));
}

/**
 * The leaf municipalities requests come from, one per request: round robin over every leaf on the
 * dense seed (stress), picked by population on the realistic database (bench_muni_weight).
 */
async function requestMunicipalities(databaseUrl, n, seed) {
  return withClient(databaseUrl, async (c) => {
    const weighted = (await c.query(`SELECT to_regclass('bench_muni_weight') IS NOT NULL AS ok`)).rows[0].ok;
    const leaves = (await c.query(`SELECT m.code, m.prefecture_code AS pref, ${weighted ? 'coalesce(w.weight, 0)' : '1'}::float8 AS weight
      FROM municipalities m ${weighted ? 'LEFT JOIN bench_muni_weight w ON w.code = m.code' : ''}
      WHERE NOT EXISTS (SELECT 1 FROM municipalities x WHERE x.parent_code = m.code) ORDER BY m.code`)).rows;
    if (!weighted) return { leaves, codes: leaves.map((x) => x.code), weighted };
    const pick = picker(rng(seed * 7 + 1), leaves, (x) => x.weight);
    return { leaves, codes: Array.from({ length: n }, () => pick().code), weighted };
  });
}

async function measureMatching(ctx, p, databaseUrl) {
  const { matchRequest } = require(DOMAIN_DIST);
  const m = await apiMatcher(databaseUrl);
  try {
    const { leaves: municipalities, codes: requestCodes, weighted } = await requestMunicipalities(databaseUrl, p.warmup + p.requests, p.seed);
    const prefOf = new Map(municipalities.map((x) => [x.code, x.pref]));
    const all = emergencyRequests(p.warmup + p.requests, p.seed, requestCodes);
    const requestedPrefs = new Set(all.map((q) => prefOf.get(q.municipalityCode)));

    // 1. the API's units query for each prefecture: captured from the compiled matcher, then timed alone
    const unitsByPref = new Map();
    const unitsQuery = [];
    const unitsQueryByPref = {};
    for (const pref of [...requestedPrefs]) {
      const code = municipalities.find((x) => x.pref === pref).code;
      m.db.reset();
      await m.matcher.match({ needs: all[0].needs, municipalityCode: code, from: all[0].from, nights: all[0].nights }, 'prefecture', new Date());
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
      // every unit one by one with all its columns (the plain reading the API's grouped query must be equivalent to)
      const plain = await withClient(databaseUrl, (c) => c.query(PLAIN_UNITS_SQL, [call.params[0]]).then((r) => r.rows));
      unitsByPref.set(JSON.stringify(call.params), { pref, sql: call.sql, rows: call.rows, plain });
    }
    // answer the units query from memory from now on (it was timed above)
    const realQuery = m.db.query.bind(m.db);
    m.db.query = async function (sql, params) {
      if (isUnitsQuery(sql)) {
        const hit = unitsByPref.get(JSON.stringify(params));
        if (hit) {
          this.calls.push({ sql, params, rows: hit.rows, ms: 0, cached: true });
          return hit.rows;
        }
      }
      return realQuery(sql, params);
    };
    const placeOf = new Map();
    for (const x of await withClient(databaseUrl, (c) => c.query(`SELECT code FROM municipalities`).then((r) => r.rows))) placeOf.set(x.code, await m.matcher.place(x.code));

    // 2. per request: the API matcher (vacancy query real, units from memory), then matchRequest() alone
    const matchMs = [];
    const matchMsByPref = {};
    const vacancyQuery = [];
    const matcherInProcess = [];
    const considered = [];
    const matched = [];
    const vacancyRowCounts = [];
    let drift = 0;
    let loadingDrift = 0;
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
      // the same request over every unit read one by one: matches, counts and exclusion explanations must be identical
      const plainRows = unitsByPref.get(JSON.stringify(units.params)).plain;
      const plainUnits = plainRows.map(({ municipalityCode, ...r }) => ({ ...r, place: placeOf.get(municipalityCode), vacancies: [] }));
      const plainById = new Map(plainUnits.map((u) => [u.unitId, u]));
      for (const { unitId, ...row } of vac?.rows ?? []) plainById.get(unitId).vacancies.push(row);
      if (JSON.stringify(matchRequest(req, plainUnits)) !== JSON.stringify(outcome.result)) loadingDrift++;
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

    // 3. what the API really pays per prefecture-scope match: RequestMatcher.match() with its units query run for real
    m.db.query = realQuery;
    const full = [];
    const unitsQueryPerRequest = [];
    for (const q of all.slice(p.warmup)) {
      m.db.reset();
      const t0 = performance.now();
      await m.matcher.match({ needs: q.needs, municipalityCode: q.municipalityCode, from: q.from, nights: q.nights }, 'prefecture', new Date());
      full.push(performance.now() - t0);
      const u = m.db.calls.find((c) => isUnitsQuery(c.sql));
      if (u) unitsQueryPerRequest.push(u.ms);
    }
    return {
      weightedRequests: weighted,
      prefecturesRequested: requestedPrefs.size,
      matcherFull: summarize(full),
      unitsQueryPerRequest: summarize(unitsQueryPerRequest),
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
      loadingDrift,
      cpu,
      profile,
    };
  } finally {
    await m.close();
  }
}

/** End-to-end POST /api/emergency-requests against a fresh API: what the coordinator waits for. */
async function measurePost(ctx, p, databaseUrl, label) {
  const api = await startApi(databaseUrl, { name: `api-matching-${label}` });
  ctx.children.add(api.child);
  try {
    await serveEverywhere(databaseUrl);
    const token = await login(api.url, 'coordinator@uki-kikan.example');
    const { codes } = await requestMunicipalities(databaseUrl, p.postWarmup + p.posts, p.seed + 1);
    const all = emergencyRequests(p.postWarmup + p.posts, p.seed + 1, codes);
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

async function measure(ctx, p, databaseUrl, label) {
  const matching = await measureMatching(ctx, p, databaseUrl);
  const post = await measurePost(ctx, p, databaseUrl, label);
  const big = Object.entries(matching.unitsQueryByPref).sort((a, b) => b[1].units - a[1].units)[0];
  return {
    metrics: [
      metric('matching_p50', matching.matchRequest.p50, 'ms'),
      metric('matching_p99', matching.matchRequest.p99, 'ms', '<= 20', { note: 'libs/domain matchRequest() alone, prefecture scope' }),
      metric(`matching_p99_prefecture_${big[0]}`, matching.matchRequestByPrefecture[big[0]]?.p99, 'ms', null, { note: `the largest prefecture requested: ${big[1].units} candidate units` }),
      metric('matching_requests', matching.matchRequest.count, 'requests', '>= 500'),
      metric('candidate_loading_drift', matching.loadingDrift, 'requests', '== 0', { note: "requests where the API's result (matches, considered, exclusions) differs from matchRequest over every unit of the area read one by one" }),
      metric('matching_drift', matching.drift, 'requests', '== 0', { note: 'requests where the bench-built candidates gave another result than the API matcher' }),
      metric('candidate_units_median', matching.consideredUnits.p50, 'units', null, { note: 'units in the prefecture of the request (considered)' }),
      metric('candidate_units_query_p99', matching.unitsQueryPerRequest.p99, 'ms', null, { note: "API's units query, prefecture scope, per request (run for real)" }),
      metric('candidate_units_query_largest_p99', big[1].p99, 'ms', null, { note: `API's units query for the largest prefecture requested (${big[1].units} units in ${big[0]}), ${p.unitsQueryRuns} runs` }),
      metric('candidate_vacancies_query_p99', matching.vacancyQuery.p99, 'ms', null, { note: "API's vacancy query for the units passing the filters" }),
      metric('api_matcher_in_process_p99', matching.matcherInProcess.p99, 'ms', null, { note: 'RequestMatcher.match(prefecture) without the units query: vacancy query + preparation + matchRequest' }),
      metric('api_matcher_full_p50', matching.matcherFull.p50, 'ms', null, { note: 'RequestMatcher.match(prefecture) with every query run for real: candidate loading + matching' }),
      metric('api_matcher_full_p99', matching.matcherFull.p99, 'ms', '<= 20', { note: 'matching end to end: RequestMatcher.match(prefecture) with every query run for real: candidate loading + matching' }),
      metric('post_http_p50', post.http.p50, 'ms'),
      metric('post_http_p99', post.http.p99, 'ms', null, { note: 'POST /api/emergency-requests round trip (starts at the municipality, widens while nobody matches)' }),
      metric('machine_idle_during_matching', matching.cpu.machineIdle, '% of one core', null, { note: 'low = the shared machine was busy' }),
      metric('machine_idle_during_posts', post.cpu.machineIdle, '% of one core'),
    ],
    details: { matching, post },
  };
}

async function run(ctx) {
  const p = { ...DEFAULTS, ...(ctx.quick ? { warmup: 10, requests: 150, unitsQueryRuns: 5, posts: 40 } : {}) };
  const real = await realisticDatabase(ctx);
  const realistic = await measure(ctx, p, real.url, 'realistic');
  const stress = await measure(ctx, p, ctx.databaseUrl, 'stress');
  return {
    parameters: {
      ...p,
      scope: 'prefecture (the widest: every unit of the prefecture is a candidate)',
      cases: {
        realistic: 'primary (targets): the national geography of bench/lib/geography.js (shared with search), requests placed by population, prefecture-scope candidates as the API loads them',
        stress: 'the shared dense seed: every leaf municipality round robin (prefectures 43, 12, 32; 34k candidates in 43), reported only',
      },
      note: 'matchRequest() timed alone on the CandidateUnit[] RequestMatcher.run() builds; units query answered from memory after being timed on its own',
    },
    metrics: [...realistic.metrics, ...asStress(stress.metrics, { matching_p99: '<= 50', api_matcher_full_p99: '<= 50' })],
    details: { realistic: realistic.details, stress: stress.details },
  };
}

module.exports = { name: 'matching', run, DEFAULTS };
