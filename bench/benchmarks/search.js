'use strict';
/**
 * 3. Search, in two cases (see bench/README.md): `realistic` (primary, targets) on its own scratch
 * database with a synthetic national geography and population-weighted providers and queries, and
 * `stress` on the shared dense seed (reported as stress_*). Each: on 10,000 providers / 50,000 units / 3M vacancy rows: ≥ 500 varied
 * `GET /api/vacancies/search` requests (areas at every level, dates, lengths of stay, filters) from
 * a coordinator, one at a time, after a warm-up; p50/p99 of the full HTTP round trip. Then a short
 * run with 4 concurrent clients (throughput). EXPLAIN (ANALYZE, BUFFERS) of the API's own search SQL
 * for a typical and a wide query: for the typical one the vacancies table must be read through its
 * index, never scanned. Latency is also broken down by the widest area level of the query (a query
 * naming a prefecture and a municipality searches the whole prefecture).
 */
const { startApi, login, request } = require('../lib/api');
const { summarize } = require('../lib/stats');
const { metric } = require('../lib/results');
const { explainSearch } = require('../lib/search-sql');
const { realisticDatabase, picker, loadGeo, asStress } = require('../lib/realistic');
const dates = require('../lib/dates');
const { rng } = require('../lib/rng');
const { now } = require('../lib/fleets');
const { cpuMeter } = require('../lib/proc');

const DEFAULTS = { warmup: 50, requests: 600, concurrentRequests: 400, concurrency: 4 };
const CATEGORIES = ['physical', 'intellectual', 'psychiatric', 'intractable_disease'];
const NEEDS = ['medical_care', 'severe_behavioural', 'severe_physical'];
const SERVICE_TYPES = ['short_stay_attached', 'short_stay_vacant_bed', 'short_stay_standalone', 'group_home_care', 'group_home_daytime', 'group_home_external', 'residential'];

function queries(n, seed, geo) {
  const r = rng(seed);
  const w = geo.weights;
  const pickMuni = picker(r, geo.municipalities, w && ((m) => w.municipality.get(m.code) ?? 0));
  const pickRegion = picker(r, geo.regions, w && ((id) => w.region.get(id) ?? 0));
  const pickPref = picker(r, geo.prefectures, w && ((code) => w.prefecture.get(code) ?? 0));
  const today = dates.today();
  const out = [];
  for (let i = 0; i < n; i++) {
    const q = {};
    const a = r();
    const m = pickMuni();
    if (a < 0.4) q.municipalityCode = m.code;
    else if (a < 0.55) Object.assign(q, { prefectureCode: m.prefecture_code, municipalityCode: m.code });
    else if (a < 0.8) q.regionId = pickRegion();
    else q.prefectureCode = pickPref();
    q.from = dates.addDays(today, r.int(46));
    const k = r();
    q.nights = k < 0.4 ? 1 : k < 0.7 ? 2 + r.int(2) : k < 0.95 ? 4 + r.int(4) : 8 + r.int(7);
    if (r.chance(0.5)) q.category = r.pick(CATEGORIES);
    if (r.chance(0.5)) q.gender = r.pick(['male', 'female']);
    if (r.chance(0.3)) q.supportLevel = r.int(7);
    if (r.chance(0.15)) q.needs = r.chance(0.8) ? r.pick(NEEDS) : `${NEEDS[0]},${NEEDS[2]}`;
    if (r.chance(0.2)) q.serviceType = r.pick(SERVICE_TYPES);
    if (r.chance(0.2)) q.emergencyOk = true;
    if (r.chance(0.1)) q.trialOk = true;
    if (r.chance(0.1)) q.child = true;
    if (r.chance(0.1)) q.limit = 50;
    out.push(q);
  }
  return out;
}

const qs = (q) => new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)])).toString();

async function run(ctx) {
  const p = { ...DEFAULTS, ...(ctx.quick ? { warmup: 20, requests: 200, concurrentRequests: 100 } : {}) };
  const real = await realisticDatabase(ctx);
  const realistic = await measure(ctx, p, real.url, 'realistic');
  const stress = await measure(ctx, p, ctx.databaseUrl, 'stress');
  const stressMetrics = asStress(stress.metrics, { search_p99: '<= 50', search_c4_p99: '<= 50' });
  return {
    parameters: {
      ...p,
      seed: 3,
      note: 'sequential requests over keep-alive fetch; latency is the full HTTP round trip measured by the client',
      cases: {
        realistic: 'primary (targets): 47 prefectures / ~350 regions / ~1,740 municipalities, providers and queries population-weighted (bench/lib/geography.js)',
        stress: 'the shared dense seed (34k units in one prefecture over 15 leaves, queries uniform over the reference geography), reported only',
      },
    },
    metrics: [...realistic.metrics, ...stressMetrics],
    details: { realistic: { database: { geography: real.geography, seed: real.seeded, totalMs: real.totalMs }, ...realistic.details }, stress: stress.details },
  };
}

async function measure(ctx, p, databaseUrl, label) {
  const geo = await loadGeo(databaseUrl);
  const api = await startApi(databaseUrl, { name: `api-search-${label}` });
  ctx.children.add(api.child);
  try {
    const token = await login(api.url, 'coordinator@uki-kikan.example');
    const all = queries(p.warmup + p.requests + p.concurrentRequests, 3, geo);
    const statuses = {};
    const hits = [];
    const times = [];
    const errors = [];
    const slowest = [];
    const byLevel = {};
    const one = async (q, measured) => {
      const t0 = now();
      const r = await request(api.url, 'GET', `/api/vacancies/search?${qs(q)}`, { token }).catch((e) => ({ status: `error: ${e.message}`, body: null }));
      const ms = now() - t0;
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      if (r.status !== 200 && errors.length < 5) errors.push({ query: q, status: r.status, body: r.body });
      if (measured) {
        times.push(ms);
        const level = q.prefectureCode ? 'prefecture' : q.regionId ? 'region' : 'municipality';
        (byLevel[level] ??= []).push(ms);
        slowest.push({ ms: Math.round(ms * 10) / 10, status: r.status, total: r.body?.total, query: q });
        slowest.sort((a, b) => b.ms - a.ms);
        slowest.length = Math.min(slowest.length, 10);
        if (r.status === 200) hits.push(r.body.total);
      }
      return ms;
    };
    for (const q of all.slice(0, p.warmup)) await one(q, false);
    await api.probe('loopReset');
    const meter = cpuMeter({ api: api.pid });
    for (const q of all.slice(p.warmup, p.warmup + p.requests)) await one(q, true);
    const cpu = meter();
    const sequential = summarize(times);
    const hitSummary = summarize(hits);
    const emptyShare = hits.filter((h) => h === 0).length / Math.max(1, hits.length);

    // 4 clients at once, for throughput
    const conc = all.slice(p.warmup + p.requests);
    const concTimes = [];
    let next = 0;
    const tc = now();
    await Promise.all(
      Array.from({ length: p.concurrency }, async () => {
        while (next < conc.length) concTimes.push(await one(conc[next++], false));
      }),
    );
    const concWall = now() - tc;
    const concurrent = summarize(concTimes);

    const today = dates.today();
    const typical = { regionId: '43-kumamoto', municipalityCode: '43101', from: dates.addDays(today, 3), nights: 3, category: 'intellectual', gender: 'female' };
    const wide = { prefectureCode: '43', from: dates.addDays(today, 1), nights: 7 };
    const plans = { typical: await explainSearch(databaseUrl, typical), wide: await explainSearch(databaseUrl, wide) };
    if (geo.weights) plans.widest = await explainSearch(databaseUrl, { prefectureCode: geo.unitsPerPrefecture[0].code, from: dates.addDays(today, 1), nights: 7 });
    const levels = Object.fromEntries(Object.entries(byLevel).map(([k, v]) => [k, summarize(v)]));
    const non200 = times.length - (statuses[200] ?? 0) + 0;
    return {
      metrics: [
        metric('search_p50', sequential.p50, 'ms', null),
        metric('search_p99', sequential.p99, 'ms', '<= 25'),
        metric('search_requests', sequential.count, 'requests', '>= 500'),
        metric('search_non_200', Object.entries(statuses).filter(([s]) => s !== '200').reduce((a, [, n]) => a + n, 0), 'responses', '== 0'),
        metric('machine_idle_during_run', cpu.machineIdle, '% of one core', null, { note: 'low = the shared machine was busy' }),
        metric('search_hits_median', hitSummary.p50, 'units'),
        metric('search_empty_results_share', emptyShare * 100, '%'),
        metric('search_c4_throughput', (concTimes.length / concWall) * 1000, 'req/s'),
        metric('search_c4_p99', concurrent.p99, 'ms', '<= 25', { note: '4 concurrent clients' }),
        metric('explain_typical_execution', plans.typical.executionMs, 'ms'),
        metric('explain_wide_execution', plans.wide.executionMs, 'ms'),
        metric('explain_typical_seq_scans_on_vacancies', plans.typical.seqScansOnVacancies, 'scans', '== 0', { note: 'typical query: region + municipality, 3 nights, category, gender' }),
        ...(plans.widest ? [metric('explain_widest_prefecture_execution', plans.widest.executionMs, 'ms', null, { note: `whole prefecture ${plans.widest.query.prefectureCode} (most units), 7 nights, no filter` })] : []),
        metric('explain_wide_seq_scans_on_vacancies', plans.wide.seqScansOnVacancies, 'scans', null, { note: 'whole prefecture, 7 nights, no filter' }),
        ...['municipality', 'region', 'prefecture'].flatMap((l) =>
          levels[l] ? [metric(`search_${l}_p50`, levels[l].p50, 'ms', null, { requests: levels[l].count }), metric(`search_${l}_p99`, levels[l].p99, 'ms', null, { requests: levels[l].count })] : [],
        ),
      ],
      details: { geography: { prefectures: geo.prefectures.length, regions: geo.regions.length, municipalities: geo.municipalities.length, weightedQueries: Boolean(geo.weights), unitsPerPrefectureTop5: geo.unitsPerPrefecture, maxUnitsPerMunicipality: geo.maxUnitsPerMunicipality }, sequential, cpu, byAreaLevel: levels, concurrent, statuses, errors, slowest, hits: hitSummary, apiEventLoopDelayMs: await api.probe('loop'), explain: plans, non200 },
    };
  } finally {
    await api.stop();
    ctx.children.delete(api.child);
  }
}

module.exports = { name: 'search', run, DEFAULTS, queries };
