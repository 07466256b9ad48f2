'use strict';
/**
 * Trial-stay availability. On the seeded 10,000 providers: every seeded group-home unit with the
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
const { withClient } = require('../lib/db');
const dates = require('../lib/dates');
const { rng } = require('../lib/rng');
const { now } = require('../lib/fleets');

const DEFAULTS = { warmup: 50, requests: 600 };
const CATEGORIES = ['physical', 'intellectual', 'psychiatric', 'intractable_disease'];

async function seedTrials(url) {
  return withClient(url, async (c) => {
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
        SELECT t.unit_id, u.organisation_id, row_number() OVER () AS n FROM trial_offers t JOIN units u ON u.id = t.unit_id
        WHERE u.name LIKE 'bench-unit-%' AND random() < 0.35
      ), persons AS (
        INSERT INTO trial_persons(organisation_id, display_name, age_band, gender, municipality_code, categories, support_level)
        SELECT $1, 'bench-person-' || n, '30-49', 'male', '43213', '{psychiatric}', 2 FROM picked RETURNING id, display_name
      )
      INSERT INTO trial_stays(unit_id, provider_organisation_id, person_id, coordinator_organisation_id, nights, status)
      SELECT p.unit_id, p.organisation_id, ps.id, $1,
             daterange($2::date + (s.k % 25), $2::date + (s.k % 25) + 2 + (s.k % 9)), CASE WHEN s.k % 2 = 0 THEN 'approved' ELSE 'requested' END
      FROM picked p JOIN persons ps ON ps.display_name = 'bench-person-' || p.n
      CROSS JOIN LATERAL (SELECT abs(hashtext(p.unit_id::text || 's')) AS k) s`, [org.id, today]);
    // as autovacuum would have done on a live system: sets the visibility map for index-only probes
    await c.query(`VACUUM ANALYZE trial_offers, trial_openings, trial_stays, trial_persons, units`);
    const { rows: [counts] } = await c.query(`SELECT (SELECT count(*) FROM trial_offers)::int AS offers, (SELECT count(*) FROM trial_openings)::int AS openings,
      (SELECT count(*) FROM trial_stays)::int AS stays`);
    return counts;
  });
}

function queries(n, seed, geo) {
  const r = rng(seed);
  const today = dates.today();
  return Array.from({ length: n }, () => {
    const q = {};
    const a = r();
    const m = r.pick(geo.municipalities);
    if (a < 0.4) q.municipalityCode = m.code;
    else if (a < 0.55) Object.assign(q, { prefectureCode: m.prefecture_code, municipalityCode: m.code });
    else if (a < 0.8) q.regionId = r.pick(geo.regions);
    else q.prefectureCode = r.pick(geo.prefectures);
    q.from = dates.addDays(today, 1 + r.int(45));
    q.to = dates.addDays(q.from, 28 + r.int(4));
    if (r.chance(0.5)) q.gender = r.pick(['male', 'female']);
    if (r.chance(0.4)) q.category = r.pick(CATEGORIES);
    if (r.chance(0.3)) q.supportLevel = r.int(7);
    return q;
  });
}

const qs = (q) => new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)])).toString();

async function run(ctx) {
  const p = { ...DEFAULTS, ...(ctx.quick ? { warmup: 20, requests: 200 } : {}) };
  const seeded = await seedTrials(ctx.databaseUrl);
  const geo = await withClient(ctx.databaseUrl, async (c) => ({
    municipalities: (await c.query(`SELECT code, prefecture_code FROM municipalities ORDER BY code`)).rows,
    regions: (await c.query(`SELECT id FROM regions ORDER BY id`)).rows.map((r) => r.id),
    prefectures: (await c.query(`SELECT code FROM prefectures ORDER BY code`)).rows.map((r) => r.code),
  }));
  const api = await startApi(ctx.databaseUrl, { name: 'api-trial' });
  ctx.children.add(api.child);
  try {
    const token = await login(api.url, 'coordinator@uki-kikan.example');
    const all = queries(p.warmup + p.requests, 5, geo);
    const statuses = {};
    const times = [];
    const hits = [];
    const errors = [];
    for (const [i, q] of all.entries()) {
      const t0 = now();
      const r = await request(api.url, 'GET', `/api/trial-stays/search?${qs(q)}`, { token }).catch((e) => ({ status: `error: ${e.message}`, body: null }));
      const ms = now() - t0;
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      if (r.status !== 200 && errors.length < 5) errors.push({ query: q, status: r.status, body: r.body });
      if (i >= p.warmup) {
        times.push(ms);
        if (r.status === 200) hits.push(r.body.total);
      }
    }
    const s = summarize(times);
    const today = dates.today();
    const plan = await withClient(ctx.databaseUrl, async (c) => {
      const codes = (await c.query(`SELECT code FROM municipalities WHERE prefecture_code = '43'`)).rows.map((r) => r.code);
      const { rows } = await c.query(
        `EXPLAIN (ANALYZE, FORMAT JSON) SELECT u.id FROM unnest($1::text[]) AS a(code) JOIN units u ON u.municipality_code = a.code JOIN trial_offers t ON t.unit_id = u.id
         WHERE u.retired_at IS NULL AND u.trial_ok AND u.service_type LIKE 'group_home_%'
           AND EXISTS (SELECT 1 FROM trial_openings op WHERE op.unit_id = u.id AND op.nights @> daterange($2::date, $3::date))
           AND NOT EXISTS (SELECT 1 FROM trial_stays s WHERE s.unit_id = u.id AND s.status IN ('requested','approved') AND s.nights && daterange($2::date, $3::date))
         LIMIT 50`,
        [codes, dates.addDays(today, 3), dates.addDays(today, 33)],
      );
      const json = rows[0]['QUERY PLAN'][0];
      const text = JSON.stringify(json.Plan);
      return { executionMs: json['Execution Time'], seqScanOnStays: /"Node Type":"Seq Scan","[^}]*"Relation Name":"trial_stays"/.test(text), plan: json.Plan };
    });
    return {
      parameters: { ...p, seed: 5, seeded, note: 'month-long ranges (28–31 nights), sequential requests; full HTTP round trip' },
      metrics: [
        metric('trial_search_p50', s.p50, 'ms', null),
        metric('trial_search_p99', s.p99, 'ms', '<= 25'),
        metric('trial_search_requests', s.count, 'requests', '>= 500'),
        metric('trial_search_non_200', Object.entries(statuses).filter(([k]) => k !== '200').reduce((a, [, n]) => a + n, 0), 'responses', '== 0'),
        metric('trial_search_hits_median', summarize(hits).p50, 'units'),
        metric('explain_trial_prefecture_month_execution', plan.executionMs, 'ms'),
      ],
      details: { sequential: s, statuses, errors, hits: summarize(hits), apiEventLoopDelayMs: await api.probe('loop'), explain: plan },
    };
  } finally {
    await api.stop();
    ctx.children.delete(api.child);
  }
}

module.exports = { name: 'trial-availability', run, DEFAULTS, queries };
