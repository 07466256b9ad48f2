'use strict';
/**
 * Trial-stay availability, on the realistic national database (targets) and the dense seed (stress_*,
 * reported only; see bench/README.md). On the seeded 10,000 providers: every seeded group-home unit with the
 * trial flag gets a trial offer open for 1–2 periods over the next 90 nights, and about a third a
 * live stay (requested or approved) of 2–10 nights, each for its own person. Then ≥ 500
 * `GET /api/trial-stays/search` requests for a month-long range (28–31 nights starting within the
 * next 45 days; areas at every level; random gender/category/support-level filters), one at a time
 * after a warm-up: p50/p99 of the HTTP round trip, target p99 ≤ 25 ms. EXPLAIN (ANALYZE) of a
 * prefecture-wide month query: the stays and openings must be probed through their GiST indexes.
 */
const { startApi, login, request } = require('../lib/api');
const { summarize } = require('../lib/stats');
const { metric } = require('../lib/results');
const path = require('node:path');
const { Pool } = require('pg');
const { withClient, API_DIST } = require('../lib/db');
const { realisticDatabase, loadGeo, areaPickers, asStress } = require('../lib/realistic');
const { cpuMeter } = require('../lib/proc');
const dates = require('../lib/dates');
const { rng } = require('../lib/rng');
const { now } = require('../lib/fleets');

const DEFAULTS = { warmup: 50, requests: 600 };
const CATEGORIES = ['physical', 'intellectual', 'psychiatric', 'intractable_disease'];

async function seedTrials(url) {
  return withClient(url, async (c) => {
    const counts = `SELECT (SELECT count(*) FROM trial_offers)::int AS offers, (SELECT count(*) FROM trial_openings)::int AS openings,
      (SELECT count(*) FROM trial_stays)::int AS stays`;
    // a reused database (--reuse-db, BENCH_REALISTIC_DB) already has them
    const { rows: [done] } = await c.query(`SELECT EXISTS (SELECT 1 FROM trial_offers t JOIN units u ON u.id = t.unit_id WHERE u.name LIKE 'bench-unit-%') AS ok`);
    if (done.ok) return { ...(await c.query(counts)).rows[0], reused: true };
    await c.query(`SELECT setseed(0.17)`);
    await c.query(`
      INSERT INTO trial_offers(unit_id, house_rules, what_to_bring)
      SELECT id, '門限20時', '着替え' FROM units WHERE name LIKE 'bench-unit-%' AND trial_ok AND service_type LIKE 'group_home_%'
      ON CONFLICT DO NOTHING`);
    const today = dates.today();
    // one period from today (30–90 nights), and for half of the rooms a second one after a gap
    await c.query(`
      INSERT INTO trial_openings(unit_id, nights)
      SELECT unit_id, daterange($1::date, $1::date + 30 + (abs(hashtext(unit_id::text)) % 61)) FROM trial_offers t
      JOIN units u ON u.id = t.unit_id WHERE u.name LIKE 'bench-unit-%'`, [today]);
    await c.query(`
      INSERT INTO trial_openings(unit_id, nights)
      SELECT o.unit_id, daterange(upper(o.nights) + 5, upper(o.nights) + 40) FROM trial_openings o
      JOIN units u ON u.id = o.unit_id WHERE u.name LIKE 'bench-unit-%' AND abs(hashtext(o.unit_id::text || 'b')) % 2 = 0`);
    const { rows: [org] } = await c.query(`SELECT id FROM organisations WHERE name = '宇城圏域基幹相談支援センター'`);
    await c.query(`
      WITH picked AS (
        SELECT t.unit_id, u.organisation_id, gen_random_uuid() AS person_id FROM trial_offers t JOIN units u ON u.id = t.unit_id
        WHERE u.name LIKE 'bench-unit-%' AND u.room_gender <> 'female' AND random() < 0.35
      ), persons AS (
        -- names and notes are never read here (availability only): placeholder blobs, not sealed values
        INSERT INTO trial_persons(id, organisation_id, display_name_encrypted, age_band, gender, municipality_code, categories, support_level)
        SELECT person_id, $1, '\\x00', '30-49', 'male', '43213', '{psychiatric}', 2 FROM picked RETURNING id
      )
      INSERT INTO trial_stays(unit_id, provider_organisation_id, person_id, coordinator_organisation_id, nights, status, note_encrypted)
      SELECT p.unit_id, p.organisation_id, ps.id, $1,
             daterange($2::date + (s.k % 25), $2::date + (s.k % 25) + 2 + (s.k % 9)), CASE WHEN s.k % 2 = 0 THEN 'approved' ELSE 'requested' END, '\\x00'
      FROM picked p JOIN persons ps ON ps.id = p.person_id
      CROSS JOIN LATERAL (SELECT abs(hashtext(p.unit_id::text || 's')) AS k) s
      -- a live stay takes a bed of each night (shared bed-nights): only where the seed left one for a man
      WHERE NOT EXISTS (
        SELECT 1 FROM generate_series($2::date + (s.k % 25), $2::date + (s.k % 25) + 1 + (s.k % 9), interval '1 day') AS d
        WHERE (SELECT coalesce(sum(v.free - v.held), 0) FROM vacancies v WHERE v.unit_id = p.unit_id AND v.night = d::date AND v.gender IN ('any', 'male')) < 1)`, [org.id, today]);
    // as autovacuum would have done on a live system: sets the visibility map for index-only probes
    await c.query(`VACUUM ANALYZE trial_offers, trial_openings, trial_stays, trial_persons, units`);
    return (await c.query(counts)).rows[0];
  });
}

function queries(n, seed, geo) {
  const r = rng(seed);
  const pick = areaPickers(r, geo);
  const today = dates.today();
  return Array.from({ length: n }, () => {
    const q = {};
    const a = r();
    const m = pick.municipality();
    if (a < 0.4) q.municipalityCode = m.code;
    else if (a < 0.55) Object.assign(q, { prefectureCode: m.prefecture_code, municipalityCode: m.code });
    else if (a < 0.8) q.regionId = pick.region();
    else q.prefectureCode = pick.prefecture();
    q.from = dates.addDays(today, 1 + r.int(45));
    // a trial stay of 2–14 nights (national rule: at most 30 in a row); month-long ranges found no room
    // free every night in 599 of 600 queries, so the judged latency was that of empty answers
    q.to = dates.addDays(q.from, 2 + r.int(13));
    if (r.chance(0.5)) q.gender = r.pick(['male', 'female']);
    if (r.chance(0.4)) q.category = r.pick(CATEGORIES);
    if (r.chance(0.3)) q.supportLevel = r.int(7);
    return q;
  });
}

const qs = (q) => new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)])).toString();

/** The API's own trial search SQL (compiled TrialOffersService over a capturing data source), each statement EXPLAIN ANALYZEd. */
async function explainTrialSearch(databaseUrl, query) {
  const { TrialOffersService } = require(path.join(API_DIST, 'trial-stays', 'trial-offers.service.js'));
  const { TrialOffersRepository } = require(path.join(API_DIST, 'trial-stays', 'trial-offers.repository.js'));
  const { AreaDirectory } = require(path.join(API_DIST, 'areas', 'area-directory.service.js'));
  const { AreaDirectoryRepository } = require(path.join(API_DIST, 'areas', 'area-directory.repository.js'));
  const pool = new Pool({ connectionString: databaseUrl, max: 2 });
  try {
    const captured = [];
    const db = {
      async query(sql, params) {
        const rows = (await pool.query(sql, params)).rows;
        if (/\btrial_openings\b/.test(sql)) captured.push({ sql, params, rows: rows.length });
        return rows;
      },
    };
    const { ServiceNights } = require(path.join(API_DIST, 'areas', 'service-nights.service.js'));
    const { SystemClock } = require(path.join(API_DIST, 'common', 'time', 'clock.js'));
    const areas = new AreaDirectory(new AreaDirectoryRepository(db));
    const clock = new SystemClock();
    const service = new TrialOffersService(db, new TrialOffersRepository(db), areas, clock, new ServiceNights(clock, areas));
    const page = await service.search({ limit: 20, offset: 0, ...query });
    const statements = [];
    for (const { sql, params, rows } of captured) {
      const json = (await pool.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql}`, params)).rows[0]['QUERY PLAN'][0];
      const text = JSON.stringify(json.Plan);
      statements.push({
        rows,
        executionMs: json['Execution Time'],
        seqScanOnStays: /"Node Type":"Seq Scan","[^}]*"Relation Name":"trial_stays"/.test(text),
        seqScanOnOpenings: /"Node Type":"Seq Scan","[^}]*"Relation Name":"trial_openings"/.test(text),
        sql,
        plan: json.Plan,
      });
    }
    return {
      query,
      total: page.total,
      totalIsLowerBound: page.totalIsLowerBound ?? null,
      executionMs: statements.reduce((a, x) => a + x.executionMs, 0),
      seqScanOnStays: statements.some((x) => x.seqScanOnStays),
      statements,
    };
  } finally {
    await pool.end();
  }
}

async function run(ctx) {
  const p = { ...DEFAULTS, ...(ctx.quick ? { warmup: 20, requests: 200 } : {}) };
  const real = await realisticDatabase(ctx);
  const realistic = await measure(ctx, p, real.url, 'realistic');
  const stress = await measure(ctx, p, ctx.databaseUrl, 'stress');
  return {
    parameters: {
      ...p,
      seed: 5,
      note: 'trial stays of 2–14 nights, sequential requests; full HTTP round trip; the share of queries finding a room is reported beside the latency',
      cases: {
        realistic: 'primary (targets): the national geography of bench/lib/geography.js (shared with search), providers and queries population-weighted',
        stress: 'the shared dense seed (34k units in one prefecture), queries uniform over the reference geography, reported only',
      },
    },
    metrics: [...realistic.metrics, ...asStress(stress.metrics, { trial_search_p99: '<= 50' })],
    details: { realistic: realistic.details, stress: stress.details },
  };
}

async function measure(ctx, p, databaseUrl, label) {
  const seeded = await seedTrials(databaseUrl);
  const geo = await loadGeo(databaseUrl);
  const trialRooms = await withClient(databaseUrl, (c) =>
    c.query(`SELECT m.prefecture_code AS code, count(*)::int AS rooms FROM trial_offers t JOIN units u ON u.id = t.unit_id JOIN municipalities m ON m.code = u.municipality_code
             WHERE u.retired_at IS NULL AND u.trial_ok AND u.service_type LIKE 'group_home_%' GROUP BY 1 ORDER BY 2 DESC LIMIT 5`).then((r) => r.rows),
  );
  const api = await startApi(databaseUrl, { name: `api-trial-${label}` });
  ctx.children.add(api.child);
  try {
    const token = await login(api.url, 'coordinator@uki-kikan.example');
    const all = queries(p.warmup + p.requests, 5, geo);
    const statuses = {};
    const times = [];
    const hits = [];
    const errors = [];
    const slowest = [];
    const byLevel = {};
    let lowerBounds = 0;
    let meter = null;
    for (const [i, q] of all.entries()) {
      if (i === p.warmup) {
        await api.probe('loopReset');
        meter = cpuMeter({ api: api.pid });
      }
      const t0 = now();
      const r = await request(api.url, 'GET', `/api/trial-stays/search?${qs(q)}`, { token }).catch((e) => ({ status: `error: ${e.message}`, body: null }));
      const ms = now() - t0;
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      if (r.status !== 200 && errors.length < 5) errors.push({ query: q, status: r.status, body: r.body });
      if (i >= p.warmup) {
        times.push(ms);
        const level = q.prefectureCode ? 'prefecture' : q.regionId ? 'region' : 'municipality';
        (byLevel[level] ??= []).push(ms);
        slowest.push({ ms: Math.round(ms * 10) / 10, status: r.status, total: r.body?.total, totalIsLowerBound: r.body?.totalIsLowerBound, query: q });
        slowest.sort((a, b) => b.ms - a.ms);
        slowest.length = Math.min(slowest.length, 10);
        if (r.status === 200) {
          hits.push(r.body.total);
          if (r.body.totalIsLowerBound) lowerBounds++;
        }
      }
    }
    const cpu = meter();
    const s = summarize(times);
    const levels = Object.fromEntries(Object.entries(byLevel).map(([k, v]) => [k, summarize(v)]));
    const today = dates.today();
    const widestPref = trialRooms[0]?.code ?? '43';
    const plan = await explainTrialSearch(databaseUrl, { prefectureCode: widestPref, from: dates.addDays(today, 3), to: dates.addDays(today, 33) });
    return {
      metrics: [
        metric('trial_search_p50', s.p50, 'ms', null),
        metric('trial_search_p99', s.p99, 'ms', '<= 25'),
        metric('trial_search_requests', s.count, 'requests', '>= 500'),
        metric('trial_search_non_200', Object.entries(statuses).filter(([k]) => k !== '200').reduce((a, [, n]) => a + n, 0), 'responses', '== 0'),
        metric('trial_search_hits_median', summarize(hits).p50, 'units'),
        metric('trial_search_found_share', (hits.filter((h) => h > 0).length / Math.max(1, hits.length)) * 100, '%', null, { note: 'queries that found at least one room (0.2 % with the month-long ranges used before: the latency was that of empty answers)' }),
        metric('trial_search_total_lower_bound_share', (lowerBounds / Math.max(1, hits.length)) * 100, '%', null, { note: 'responses whose total is capped (totalIsLowerBound)' }),
        metric('machine_idle_during_run', cpu.machineIdle, '% of one core', null, { note: 'low = the shared machine was busy' }),
        ...['municipality', 'region', 'prefecture'].flatMap((l) =>
          levels[l] ? [metric(`trial_search_${l}_p99`, levels[l].p99, 'ms', null, { requests: levels[l].count })] : [],
        ),
        metric('explain_trial_prefecture_month_execution', plan.executionMs, 'ms', null, { note: `API's own SQL, whole prefecture ${widestPref} (most trial rooms), 30 nights, no filter` }),
      ],
      details: { seeded, trialRoomsPerPrefectureTop5: trialRooms, sequential: s, byAreaLevel: levels, cpu, statuses, errors, slowest, hits: summarize(hits), apiEventLoopDelayMs: await api.probe('loop'), explain: plan },
    };
  } finally {
    await api.stop();
    ctx.children.delete(api.child);
  }
}

module.exports = { name: 'trial-availability', run, DEFAULTS, queries };
