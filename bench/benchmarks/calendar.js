'use strict';
/**
 * The board's day-by-day calendar (GET /api/vacancies/calendar): a month (31 nights) for a whole
 * 圏域 of 500 units, the page a coordinator opens to plan next week's stays. On the seeded database,
 * the region with the most units is topped up to 500 units (copies of its own units, each with a
 * vacancy row per night like the seed's) if it has fewer; then sequential requests after a warm-up,
 * full HTTP round trip, target p99 ≤ 50 ms. The API answers from one SQL statement per request
 * (units and their rows aggregated per unit); EXPLAIN (ANALYZE) of it is reported.
 */
const { startApi, login, request } = require('../lib/api');
const { summarize } = require('../lib/stats');
const { metric } = require('../lib/results');
const { withClient } = require('../lib/db');
const { cpuMeter } = require('../lib/proc');
const dates = require('../lib/dates');
const { now } = require('../lib/fleets');

const DEFAULTS = { warmup: 30, requests: 300, units: 500, days: 31 };

/** The region with the most units, topped up to `units` live units with a month of vacancy rows. */
async function prepareRegion(url, units, days) {
  return withClient(url, async (c) => {
    const { rows: [top] } = await c.query(`
      SELECT m.region_id AS id, count(*)::int AS units FROM units u JOIN municipalities m ON m.code = u.municipality_code
      WHERE u.retired_at IS NULL AND m.region_id IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1`);
    const missing = Math.max(0, units - top.units);
    if (missing > 0) {
      // the seed's way of writing rows directly (no capacity trigger per row: the values are in range)
      await c.query(`SET session_replication_role = replica`);
      await c.query(`
        WITH src AS (
          SELECT u.* FROM units u JOIN municipalities m ON m.code = u.municipality_code
          WHERE m.region_id = $1 AND u.retired_at IS NULL ORDER BY u.id
        ), copies AS (
          INSERT INTO units(organisation_id, name, service_type, municipality_code, capacity, categories, accepts_children,
            support_level_min, support_level_max, special_needs, room_gender, emergency_ok, trial_ok, contact_24h)
          SELECT s.organisation_id, 'bench-calendar-' || k, s.service_type, s.municipality_code, s.capacity, s.categories, s.accepts_children,
            s.support_level_min, s.support_level_max, s.special_needs, s.room_gender, s.emergency_ok, s.trial_ok, s.contact_24h
          FROM generate_series(1, $2::int) k
          JOIN LATERAL (SELECT * FROM src OFFSET (k - 1) % (SELECT count(*) FROM src) LIMIT 1) s ON true
          RETURNING id, capacity, room_gender
        )
        INSERT INTO vacancies(unit_id, night, gender, free, held, confirmed_at)
        SELECT u.id, (now() AT TIME ZONE 'Asia/Tokyo')::date + d, CASE u.room_gender WHEN 'either' THEN 'any' ELSE u.room_gender END,
               CASE WHEN random() < 0.35 THEN 0 ELSE (random() * u.capacity)::int END, 0, now() - random() * interval '40 hours'
        FROM copies u CROSS JOIN generate_series(-1, $3::int) d`, [top.id, missing, days]);
      await c.query(`RESET session_replication_role`);
      await c.query(`VACUUM ANALYZE units, vacancies`);
    }
    const { rows: [n] } = await c.query(`
      SELECT count(*)::int AS units FROM units u JOIN municipalities m ON m.code = u.municipality_code WHERE m.region_id = $1 AND u.retired_at IS NULL`, [top.id]);
    return { regionId: top.id, seededUnits: top.units, added: missing, units: n.units };
  });
}

async function explain(url, regionUnits) {
  return withClient(url, async (c) => {
    // the statement's shape (VacanciesRepository.calendar) over the same region and month
    const { rows } = await c.query(
      `EXPLAIN (ANALYZE, FORMAT JSON)
       WITH area AS (SELECT m.code, 0 AS distance FROM municipalities m WHERE m.region_id = $1),
       total AS (SELECT count(*) AS total FROM area s JOIN units u ON u.municipality_code = s.code AND u.retired_at IS NULL),
       page AS (
         SELECT c.id, s.distance, c.name FROM area s
         CROSS JOIN LATERAL (
           SELECT u.id, u.name FROM units u WHERE u.municipality_code = s.code AND u.retired_at IS NULL ORDER BY u.name, u.id LIMIT $4::int
         ) c
         ORDER BY s.distance, c.name, c.id LIMIT $4
       )
       SELECT t.total, x.* FROM total t
       LEFT JOIN LATERAL (
         SELECT u.id, u.name, u.capacity, c.distance, (SELECT o.name FROM organisations o WHERE o.id = u.organisation_id) AS org,
                (SELECT string_agg(concat_ws(',', v.night, v.gender, v.free, v.held, floor(date_part('epoch', v.confirmed_at) * 1000)::bigint), ';')
                 FROM vacancies v WHERE v.unit_id = u.id AND v.night BETWEEN $2::date AND $3::date) AS rows
         FROM page c JOIN units u ON u.id = c.id
       ) x ON true`,
      [regionUnits.regionId, dates.today(), dates.addDays(dates.today(), 30), 500],
    );
    const plan = rows[0]['QUERY PLAN'][0];
    return { executionMs: plan['Execution Time'], seqScanOnVacancies: /"Node Type":"Seq Scan","[^}]*"Relation Name":"vacancies"/.test(JSON.stringify(plan.Plan)) };
  });
}

async function run(ctx) {
  const p = { ...DEFAULTS, ...(ctx.quick ? { warmup: 10, requests: 100 } : {}) };
  const region = await prepareRegion(ctx.databaseUrl, p.units, p.days);
  const api = await startApi(ctx.databaseUrl, { name: 'api-calendar' });
  ctx.children.add(api.child);
  try {
    const token = await login(api.url, 'coordinator@uki-kikan.example');
    const query = new URLSearchParams({ regionId: region.regionId, from: dates.today(), days: String(p.days), limit: String(p.units) }).toString();
    const times = [];
    const statuses = {};
    let shown = null;
    let bytes = 0;
    let meter = null;
    for (let i = 0; i < p.warmup + p.requests; i++) {
      if (i === p.warmup) {
        await api.probe('loopReset');
        meter = cpuMeter({ api: api.pid });
      }
      const t0 = now();
      const r = await request(api.url, 'GET', `/api/vacancies/calendar?${query}`, { token }).catch((e) => ({ status: `error: ${e.message}`, body: null }));
      const ms = now() - t0;
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      if (i >= p.warmup) times.push(ms);
      if (r.status === 200 && shown === null) {
        shown = { units: r.body.items.length, nights: r.body.nights.length, total: r.body.total };
        bytes = JSON.stringify(r.body).length;
      }
    }
    const cpu = meter();
    const s = summarize(times);
    const plan = await explain(ctx.databaseUrl, region);
    return {
      parameters: { ...p, note: 'a month for a whole region, sequential requests, full HTTP round trip' },
      metrics: [
        metric('calendar_month_region_p50', s.p50, 'ms', null),
        metric('calendar_month_region_p99', s.p99, 'ms', '<= 50'),
        metric('calendar_requests', s.count, 'requests', ctx.quick ? null : '>= 300'),
        metric('calendar_non_200', Object.entries(statuses).filter(([k]) => k !== '200').reduce((a, [, n]) => a + n, 0), 'responses', '== 0'),
        metric('calendar_units_shown', shown?.units ?? 0, 'units', `>= ${p.units}`),
        metric('calendar_response_size', Math.round(bytes / 1024), 'KB', null),
        metric('explain_calendar_execution', plan.executionMs, 'ms', null, { note: 'the statement alone, in the database' }),
        metric('explain_calendar_seq_scans_on_vacancies', plan.seqScanOnVacancies ? 1 : 0, 'scans', '== 0'),
        metric('machine_idle_during_run', cpu.machineIdle, '% of one core', null, { note: 'low = the shared machine was busy' }),
      ],
      details: { region, shown, sequential: s, statuses, cpu, apiEventLoopDelayMs: await api.probe('loop'), explain: plan },
    };
  } finally {
    await api.stop();
    ctx.children.delete(api.child);
  }
}

module.exports = { name: 'calendar', run, DEFAULTS };
