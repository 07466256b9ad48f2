'use strict';
/**
 * The annual verification report (issue 14): `GET /api/reports/annual` for a whole prefecture's
 * fiscal year with 100,000 emergency requests, p99 ≤ 500 ms (full HTTP round trip, as the admin:
 * a prefecture is the admin's scope).
 *
 * Seed (inside the benchmark, set-based SQL over one in ten of the shared seed's providers of the
 * prefecture, ~590, about a real prefecture's short-stay providers): 100,000 requests of
 * persons from the leaf municipalities of prefecture 43 spread over 令和7年度 (2025-04-01 – 2026-03-31
 * in Japan), posted by the prefecture's centres, each with its situation sealed by the API's own
 * cipher (AES-256-GCM, bound to the row, the key the API is started with); outcomes 62 % placed,
 * 15 % unplaced, 13 % cancelled, 10 % still open; scopes 60 % municipality, 25 % region, 15 %
 * prefecture. Per request the providers told (1–5 in the city, 1–4 more per wider level reached;
 * 12 % of requests found nobody in the city), their receipts (75 % delivered, 60 % seen), declines
 * (half of those told that made no offer), one confirmed offer per placed request from one of those
 * told and an expired offer on a third of the requests; 20 % name a contracted provider.
 *
 * Sequential requests after a warm-up; the totals of every answer are checked against counts taken
 * here from the raw rows. EXPLAIN ANALYZE of the repository's own statements (captured from the
 * compiled ReportRepository) goes into details.explain.
 */
const crypto = require('node:crypto');
const path = require('node:path');
const { API_DIST, PERSONAL_DATA_KEY, withClient } = require('../lib/db');
const { startApi, login, request } = require('../lib/api');
const { summarize } = require('../lib/stats');
const { metric } = require('../lib/results');
const { cpuMeter } = require('../lib/proc');
const { now } = require('../lib/fleets');

const DEFAULTS = { requests: 100_000, prefecture: '43', fiscalYear: 2025, warmup: 10, measured: 60, batch: 10_000 };
const QUICK = { requests: 20_000, warmup: 3, measured: 20 };

/** The year's requests and everything the report reads about them; skipped when a reused database has them. */
async function seedRequests(url, p) {
  const { PersonalDataCipher } = require(path.join(API_DIST, 'common', 'crypto', 'personal-data.cipher.js'));
  const { situationAad } = require(path.join(API_DIST, 'emergency-requests', 'request.sql.js'));
  const cipher = PersonalDataCipher.fromBase64(PERSONAL_DATA_KEY);
  const from = `${p.fiscalYear}-04-01`;
  const to = `${p.fiscalYear + 1}-04-01`;
  return withClient(url, async (c) => {
    const { rows: [have] } = await c.query(
      `SELECT count(*)::int AS n FROM emergency_requests e JOIN municipalities m ON m.code = e.municipality_code
       WHERE m.prefecture_code = $1 AND e.created_at >= ($2::date::timestamp AT TIME ZONE 'Asia/Tokyo') AND e.created_at < ($3::date::timestamp AT TIME ZONE 'Asia/Tokyo')`,
      [p.prefecture, from, to],
    );
    if (have.n >= p.requests) return { reused: true, requests: have.n };
    const timings = {};
    let t = now();
    const lap = (k) => {
      timings[k] = Math.round(now() - t);
      t = now();
    };
    await c.query(`SELECT setseed(0.14)`);
    // who posts (the prefecture's centres with a user), where persons live (leaf municipalities), who is told (providers with an emergency unit)
    await c.query(`
      CREATE TEMP TABLE b_posters AS
        SELECT o.id AS org, (SELECT min(u.id::text)::uuid FROM users u WHERE u.organisation_id = o.id) AS usr
        FROM organisations o JOIN municipalities m ON m.code = o.municipality_code
        WHERE m.prefecture_code = $1 AND o.kind IN ('consultation_centre', 'municipality')
          AND EXISTS (SELECT 1 FROM users u WHERE u.organisation_id = o.id);
      CREATE TEMP TABLE b_munis AS
        SELECT m.code, coalesce(m.parent_code, m.code) AS city, m.region_id AS region FROM municipalities m
        WHERE m.prefecture_code = $1 AND NOT EXISTS (SELECT 1 FROM municipalities w WHERE w.parent_code = m.code);
      CREATE TEMP TABLE b_prov AS
        SELECT DISTINCT ON (u.organisation_id) u.organisation_id AS org, u.id AS unit, coalesce(m.parent_code, m.code) AS city, m.region_id AS region,
               (SELECT min(s.id::text)::uuid FROM users s WHERE s.organisation_id = u.organisation_id) AS usr
        FROM units u JOIN municipalities m ON m.code = u.municipality_code
        WHERE m.prefecture_code = $1 AND u.emergency_ok AND u.retired_at IS NULL
        ORDER BY u.organisation_id, u.id;
      DELETE FROM b_prov WHERE usr IS NULL;
      -- the shared seed is ~100x denser than Japan (bench/README.md): keep one provider in ten (~590 in 43, about a real prefecture's short-stay providers)
      DELETE FROM b_prov WHERE org NOT IN (SELECT org FROM (SELECT org, row_number() OVER (ORDER BY org) AS k FROM b_prov) x WHERE x.k % 10 = 0);
      CREATE TEMP TABLE b_city AS SELECT city, array_agg(org ORDER BY org) AS orgs FROM b_prov GROUP BY 1;
      CREATE TEMP TABLE b_region AS SELECT region, array_agg(org ORDER BY org) AS orgs FROM b_prov GROUP BY 1;
      CREATE TEMP TABLE b_pref AS SELECT array_agg(org ORDER BY org) AS orgs FROM b_prov;
      CREATE UNIQUE INDEX ON b_prov(org);
      ANALYZE b_posters, b_munis, b_prov`.replaceAll('$1', `'${p.prefecture.replace(/\D/g, '')}'`));
    const { rows: [ready] } = await c.query(`SELECT (SELECT count(*) FROM b_posters)::int AS posters, (SELECT count(*) FROM b_munis)::int AS munis, (SELECT count(*) FROM b_prov)::int AS providers`);
    if (!ready.posters || !ready.munis || !ready.providers) throw new Error(`prefecture ${p.prefecture} has no centre, municipality or provider: ${JSON.stringify(ready)}`);
    lap('lookups');

    // the requests, in batches: ids and sealed situations from here, everything else drawn in SQL
    for (let start = 0; start < p.requests; start += p.batch) {
      const ids = [];
      const sealed = [];
      for (let i = start; i < Math.min(p.requests, start + p.batch); i++) {
        const id = crypto.randomUUID();
        ids.push(id);
        sealed.push(cipher.encrypt(`介護者の急病のため（ベンチマーク ${i}）`, situationAad(id)));
      }
      await c.query(
        `WITH x AS (
           SELECT t.id, t.sit, random() AS r_at, random() AS r_muni, random() AS r_post, random() AS r_age, random() AS r_cat, random() AS r_cat2,
                  random() AS r_need, random() AS r_scope, random() AS r_status, random() AS r_close, random() AS r_contract, random() AS r_misc
           FROM unnest($1::uuid[], $2::bytea[]) AS t(id, sit)
         ), y AS (
           SELECT x.*, ($3::date::timestamp AT TIME ZONE 'Asia/Tokyo') + x.r_at * (($4::date - $3::date) * interval '1 day') AS at,
                  (SELECT code FROM b_munis ORDER BY code OFFSET floor(x.r_muni * (SELECT count(*) FROM b_munis)) LIMIT 1) AS muni,
                  (SELECT b FROM b_posters b ORDER BY org OFFSET floor(x.r_post * (SELECT count(*) FROM b_posters)) LIMIT 1) AS poster,
                  (ARRAY['0-5','6-11','12-17','18-29','30-49','50-64','65+'])[1 + floor(x.r_age * 7)::int] AS age_band,
                  (ARRAY['physical','intellectual','psychiatric','intractable_disease'])[1 + floor(x.r_cat * 4)::int] AS cat1,
                  (ARRAY['physical','intellectual','psychiatric','intractable_disease'])[1 + floor(x.r_cat2 * 4)::int] AS cat2
           FROM x
         )
         INSERT INTO emergency_requests(id, organisation_id, created_by, status, urgency, age_band, gender, categories, child, support_level, special_needs,
           municipality_code, from_night, nights, scope, situation_encrypted, contracted_organisation_id, created_at, updated_at, closed_at)
         SELECT y.id, (y.poster).org, (y.poster).usr,
                CASE WHEN y.r_status < 0.62 THEN 'placed' WHEN y.r_status < 0.77 THEN 'unplaced' WHEN y.r_status < 0.90 THEN 'cancelled' ELSE 'open' END,
                (ARRAY['emergency','watch','normal'])[1 + floor(y.r_misc * 3)::int],
                y.age_band, CASE WHEN y.r_cat2 < 0.5 THEN 'male' ELSE 'female' END,
                CASE WHEN y.r_need < 0.15 AND y.cat2 <> y.cat1 THEN ARRAY[y.cat1, y.cat2] ELSE ARRAY[y.cat1] END,
                y.age_band IN ('0-5','6-11','12-17'), floor(y.r_close * 7)::int,
                CASE WHEN y.r_need > 0.8 THEN ARRAY[(ARRAY['medical_care','severe_behavioural','severe_physical'])[1 + floor((y.r_need - 0.8) * 15)::int]] ELSE '{}'::text[] END,
                y.muni, (y.at AT TIME ZONE 'Asia/Tokyo')::date, 1 + floor(y.r_misc * 7)::int % 7,
                CASE WHEN y.r_scope < 0.60 THEN 'municipality' WHEN y.r_scope < 0.85 THEN 'region' ELSE 'prefecture' END,
                y.sit,
                CASE WHEN y.r_contract < 0.2 THEN (SELECT c.orgs[1 + floor(y.r_contract * 5 * cardinality(c.orgs))::int] FROM b_city c JOIN b_munis m ON m.city = c.city WHERE m.code = y.muni) END,
                y.at, y.at,
                CASE WHEN y.r_status < 0.90 THEN y.at + (5 + y.r_close * 900) * interval '1 minute' END
         FROM y`,
        [ids, sealed, from, to],
      );
    }
    lap('requests');
    await c.query(`CREATE TEMP TABLE b_req AS
      SELECT e.id, e.status, e.scope, e.created_at, e.closed_at, m.city, m.region FROM emergency_requests e JOIN b_munis m ON m.code = e.municipality_code
      WHERE e.created_at >= ($1::date::timestamp AT TIME ZONE 'Asia/Tokyo') AND e.created_at < ($2::date::timestamp AT TIME ZONE 'Asia/Tokyo')`, [from, to]);
    // those told: 1–5 in the city (none for 12 %), then 1–4 at each wider level the scope reached
    await c.query(`
      INSERT INTO request_recipients(request_id, organisation_id, scope, unit_ids, notified_at, answer_by)
      SELECT r.id, s.org, s.level, '{}', r.created_at + s.after, r.created_at + s.after + interval '30 minutes'
      FROM b_req r
      CROSS JOIN LATERAL (
        SELECT 'municipality' AS level, c.orgs[1 + floor(random() * cardinality(c.orgs))::int] AS org, interval '2 seconds' AS after
        FROM b_city c, generate_series(1, CASE WHEN random() < 0.12 THEN 0 ELSE 1 + floor(random() * 5)::int END) k WHERE c.city = r.city
        UNION ALL
        SELECT 'region', g.orgs[1 + floor(random() * cardinality(g.orgs))::int], interval '30 minutes'
        FROM b_region g, generate_series(1, 1 + floor(random() * 4)::int) k WHERE g.region = r.region AND r.scope IN ('region', 'prefecture')
        UNION ALL
        SELECT 'prefecture', f.orgs[1 + floor(random() * cardinality(f.orgs))::int], interval '60 minutes'
        FROM b_pref f, generate_series(1, 1 + floor(random() * 4)::int) k WHERE r.scope = 'prefecture'
      ) s
      WHERE s.org IS NOT NULL
      ON CONFLICT DO NOTHING`);
    lap('recipients');
    await c.query(`
      INSERT INTO request_receipts(request_id, organisation_id, delivered_at, delivered_via, seen_at, seen_by)
      SELECT x.request_id, x.organisation_id, x.notified_at + interval '2 seconds', 'in_app',
             CASE WHEN z.r < 0.6 THEN x.notified_at + z.r * interval '200 minutes' END, CASE WHEN z.r < 0.6 THEN p.usr END
      FROM request_recipients x JOIN b_req r ON r.id = x.request_id JOIN b_prov p ON p.org = x.organisation_id, LATERAL (SELECT random() AS r, x.request_id) z
      WHERE random() < 0.75`);
    lap('receipts');
    // placed: a confirmed offer from one of those told (in the order they were told); an expired one on a third of the requests
    await c.query(`
      INSERT INTO offers(request_id, organisation_id, unit_id, status, expires_at, created_by, created_at, closed_at)
      SELECT DISTINCT ON (r.id) r.id, x.organisation_id, p.unit, 'confirmed', x.notified_at + interval '3 hours', p.usr,
             least(x.notified_at + random() * interval '60 minutes', r.closed_at), r.closed_at
      FROM b_req r JOIN request_recipients x ON x.request_id = r.id JOIN b_prov p ON p.org = x.organisation_id
      WHERE r.status = 'placed'
      ORDER BY r.id, x.notified_at, x.organisation_id`);
    await c.query(`
      INSERT INTO offers(request_id, organisation_id, unit_id, status, expires_at, created_by, created_at, closed_at)
      SELECT DISTINCT ON (r.id) r.id, x.organisation_id, p.unit, 'expired', x.notified_at + interval '3 hours', p.usr,
             x.notified_at + random() * interval '90 minutes', x.notified_at + interval '3 hours'
      FROM b_req r JOIN request_recipients x ON x.request_id = r.id JOIN b_prov p ON p.org = x.organisation_id
      WHERE random() < 0.33 AND NOT EXISTS (SELECT 1 FROM offers o WHERE o.request_id = r.id AND o.organisation_id = x.organisation_id)
      ORDER BY r.id, x.notified_at DESC, x.organisation_id`);
    // a request nobody was told about was not placed
    await c.query(`
      WITH gone AS (
        UPDATE emergency_requests e SET status = 'unplaced' FROM b_req r
        WHERE r.id = e.id AND e.status = 'placed' AND NOT EXISTS (SELECT 1 FROM offers o WHERE o.request_id = e.id AND o.status = 'confirmed')
        RETURNING e.id)
      UPDATE b_req r SET status = 'unplaced' FROM gone WHERE gone.id = r.id`);
    lap('offers');
    // declines: half of those told that made no offer
    await c.query(`
      INSERT INTO request_responses(request_id, organisation_id, reason, responded_by, at)
      SELECT x.request_id, x.organisation_id, (ARRAY['full','medical_care','staffing','gender','other'])[1 + floor(random() * 5)::int], p.usr,
             x.notified_at + random() * interval '120 minutes'
      FROM request_recipients x JOIN b_req r ON r.id = x.request_id JOIN b_prov p ON p.org = x.organisation_id
      WHERE random() < 0.5 AND NOT EXISTS (SELECT 1 FROM offers o WHERE o.request_id = x.request_id AND o.organisation_id = x.organisation_id)`);
    lap('responses');
    await c.query(`ANALYZE emergency_requests, request_recipients, request_receipts, request_responses, offers`);
    lap('analyze');
    const { rows: [counts] } = await c.query(`SELECT (SELECT count(*) FROM b_req)::int AS requests,
      (SELECT count(*) FROM request_recipients x JOIN b_req r ON r.id = x.request_id)::int AS recipients,
      (SELECT count(*) FROM request_receipts x JOIN b_req r ON r.id = x.request_id)::int AS receipts,
      (SELECT count(*) FROM request_responses x JOIN b_req r ON r.id = x.request_id)::int AS responses,
      (SELECT count(*) FROM offers x JOIN b_req r ON r.id = x.request_id)::int AS offers`);
    return { reused: false, counts, lookups: ready, timingsMs: timings };
  });
}

/**
 * The months the seed wrote, aggregated as the API would on the first report (ReportRepository.refresh,
 * compiled, over the app's own data source options): timed, then out of the measured requests.
 */
async function refreshMonths(url, p) {
  const { DataSource } = require('typeorm');
  const { dataSourceOptions } = require(path.join(API_DIST, 'database', 'data-source-options.js'));
  const { ReportRepository } = require(path.join(API_DIST, 'reports', 'report.repository.js'));
  if (typeof ReportRepository.prototype.refresh !== 'function') return { months: 0, ms: null };
  const ds = new DataSource({ ...dataSourceOptions(url), extra: { statement_timeout: 600_000 } });
  await ds.initialize();
  try {
    const t = now();
    const months = await new ReportRepository(ds).refresh(`${p.fiscalYear}-04-01`, `${p.fiscalYear + 1}-04-01`);
    return { months, ms: Math.round(now() - t) };
  } finally {
    await ds.destroy();
  }
}

/** The figures the report must show, counted here from the raw rows (not through the API's SQL). */
async function rawCounts(url, p) {
  return withClient(url, async (c) => {
    const { rows: [r] } = await c.query(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE e.status = 'placed')::int AS placed,
              count(*) FILTER (WHERE e.status = 'unplaced')::int AS unplaced, count(*) FILTER (WHERE e.status = 'cancelled')::int AS cancelled,
              count(*) FILTER (WHERE e.status = 'open')::int AS open
       FROM emergency_requests e JOIN municipalities m ON m.code = e.municipality_code
       WHERE m.prefecture_code = $1 AND e.created_at >= ($2::date::timestamp AT TIME ZONE 'Asia/Tokyo') AND e.created_at < ($3::date::timestamp AT TIME ZONE 'Asia/Tokyo')`,
      [p.prefecture, `${p.fiscalYear}-04-01`, `${p.fiscalYear + 1}-04-01`],
    );
    return r;
  });
}

/** What the answer says against the raw counts: a list of the figures that differ. */
function mismatches(body, raw) {
  const out = [];
  const q = body.requests;
  const placed = ['placed_municipality', 'placed_region', 'placed_prefecture'].reduce((a, k) => a + (q.byOutcome[k] ?? NaN), 0);
  const monthSum = q.byMonth.reduce((a, m) => a + (typeof m.total === 'number' ? m.total : NaN), 0);
  const check = (name, got, want) => got !== want && out.push({ name, got, want });
  check('total', q.total, raw.total);
  check('placed', placed, raw.placed);
  check('unplaced', q.byOutcome.unplaced, raw.unplaced);
  check('cancelled', q.byOutcome.cancelled, raw.cancelled);
  check('open', q.byOutcome.open, raw.open);
  check('sum of months', monthSum, raw.total);
  check('months', q.byMonth.length, 12);
  return out;
}

/** EXPLAIN ANALYZE of the repository's own statements for the measured filter (captured from the compiled ReportRepository). */
async function explain(url, filter) {
  const { ReportRepository } = require(path.join(API_DIST, 'reports', 'report.repository.js'));
  const captured = [];
  const fake = { query: async (sql, params) => (captured.push({ sql, params }), [{}]), transaction: (fn) => fn(fake) };
  const repo = new ReportRepository(fake);
  const methods = Object.getOwnPropertyNames(ReportRepository.prototype).filter((m) => m !== 'constructor');
  const byMethod = {};
  // requests: from the per-month aggregates (what the API reads for whole months) and, as the baseline of the same run, from the raw rows
  const calls = { requestsFromMonths: ['fromMonths', [filter, [`p:${filter.area.code}`]]], requestsFromRows: ['requestsFromRows', [filter]], engagement: ['engagement', [filter]], trials: ['trials', [filter]] };
  for (const [name, [m, args]] of Object.entries(calls)) {
    if (!methods.includes(m)) continue;
    captured.length = 0;
    await repo[m](...args).catch(() => undefined);
    byMethod[name] = [...captured];
  }
  return withClient(url, async (c) => {
    const out = {};
    for (const [m, statements] of Object.entries(byMethod)) {
      out[m] = [];
      // as the repository runs them: settings (SET LOCAL) apply to the statements after them, in one transaction
      await c.query('BEGIN');
      for (const s of statements) {
        if (/^\s*SET\b/i.test(s.sql)) {
          await c.query(s.sql, s.params);
          continue;
        }
        const { rows } = await c.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${s.sql}`, s.params);
        const plan = rows[0]['QUERY PLAN'][0];
        out[m].push({ executionMs: plan['Execution Time'], planningMs: plan['Planning Time'], plan: plan.Plan });
      }
      await c.query('ROLLBACK');
    }
    return out;
  });
}

async function run(ctx) {
  const p = { ...DEFAULTS, ...(ctx.quick ? QUICK : {}) };
  const t0 = now();
  const seeded = await seedRequests(ctx.databaseUrl, p);
  const seedMs = Math.round(now() - t0);
  const raw = await rawCounts(ctx.databaseUrl, p);
  const refreshed = await refreshMonths(ctx.databaseUrl, p);
  const api = await startApi(ctx.databaseUrl, { name: 'api-reports' });
  ctx.children.add(api.child);
  try {
    const token = await login(api.url, 'admin@akiwa.example');
    const query = new URLSearchParams({ scope: 'prefecture', code: p.prefecture, fiscalYear: String(p.fiscalYear) }).toString();
    const times = [];
    const statuses = {};
    const wrong = [];
    let meter = null;
    let bytes = 0;
    for (let i = 0; i < p.warmup + p.measured; i++) {
      if (i === p.warmup) {
        await api.probe('loopReset');
        meter = cpuMeter({ api: api.pid });
      }
      const t = now();
      const r = await request(api.url, 'GET', `/api/reports/annual?${query}`, { token }).catch((e) => ({ status: `error: ${e.message}`, body: null }));
      const ms = now() - t;
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      if (i >= p.warmup) times.push(ms);
      if (r.status === 200) {
        const bad = mismatches(r.body, raw);
        if (bad.length) wrong.push({ i, bad });
        bytes = JSON.stringify(r.body).length;
      }
    }
    const cpu = meter();
    const s = summarize(times);
    const areaCodes = await withClient(ctx.databaseUrl, (c) => c.query(`SELECT code FROM municipalities WHERE prefecture_code = $1 ORDER BY code`, [p.prefecture]).then((x) => x.rows.map((r) => r.code)));
    const filter = { personCodes: areaCodes, organisationId: null, areaCodes, area: { level: 'prefecture', code: p.prefecture }, from: `${p.fiscalYear}-04-01`, to: `${p.fiscalYear + 1}-04-01`, asOf: new Date(`${p.fiscalYear + 1}-04-01T00:00:00+09:00`) };
    const plans = await explain(ctx.databaseUrl, filter);
    const explainMs = Object.fromEntries(Object.entries(plans).map(([m, xs]) => [m, xs.reduce((a, x) => a + x.executionMs, 0)]));
    return {
      parameters: { ...p, note: 'the full-year report of one prefecture as the admin, sequential requests, full HTTP round trip' },
      metrics: [
        metric('report_full_year_prefecture_p50', s.p50, 'ms', null),
        metric('report_full_year_prefecture_p99', s.p99, 'ms', '<= 500'),
        metric('report_requests', s.count, 'requests', '>= 20'),
        metric('report_non_200', Object.entries(statuses).filter(([k]) => k !== '200').reduce((a, [, n]) => a + n, 0), 'responses', '== 0'),
        metric('report_total_mismatches', wrong.length, 'responses', '== 0', { note: 'totals, outcomes and months against counts from the raw rows' }),
        metric('report_requests_in_year', raw.total, 'requests', ctx.quick ? null : '>= 100000'),
        metric('report_seed', seedMs, 'ms', null, { note: seeded.reused ? 'reused' : 'requests, recipients, receipts, offers, declines' }),
        metric('report_response_size', Math.round(bytes / 1024), 'KB', null),
        metric('report_refresh_year', refreshed.ms, 'ms', null, { note: `${refreshed.months} months aggregated from the raw rows (the first report after the seed would do it)` }),
        ...Object.entries(explainMs).map(([m, ms]) => metric(`explain_report_${m}_execution`, ms, 'ms', null, { note: 'the statement alone, in the database' })),
        metric('machine_idle_during_run', cpu.machineIdle, '% of one core', null, { note: 'low = the shared machine was busy' }),
      ],
      details: { seeded, refreshed, raw, sequential: s, statuses, wrong: wrong.slice(0, 5), cpu, apiEventLoopDelayMs: await api.probe('loop'), explain: plans },
    };
  } finally {
    await api.stop();
    ctx.children.delete(api.child);
  }
}

module.exports = { name: 'reports', run, DEFAULTS, seedRequests };
