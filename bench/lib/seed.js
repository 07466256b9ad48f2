'use strict';
/**
 * Bulk seed for the benchmarks, in set-based SQL (no row-by-row inserts): providers spread over the
 * leaf municipalities of the reference geography (wards rather than their parent city), units with
 * varied service types, categories, needs, room genders and support levels, and one vacancy row per
 * unit and night for `nights` nights from today (Asia/Tokyo), with varied freshness. Deterministic
 * (setseed). Every seeded organisation gets one provider_staff user with the demo password hash, so
 * load can be spread over many organisations (a provider edits only its own units).
 */
const { withClient } = require('./db');

/** `weighted`: spread providers by `bench_muni_weight` (geography.js) instead of evenly over the reference leaves. */
const DEFAULTS = { organisations: 10_000, unitsPerOrganisation: 5, nights: 60, weighted: false };

async function seed(url, opts = {}) {
  const p = { ...DEFAULTS, ...opts };
  const timings = {};
  const step = async (name, c, sql, params) => {
    const t = performance.now();
    const r = await c.query(sql, params);
    timings[name] = Math.round(performance.now() - t);
    return r;
  };
  await withClient(url, async (c) => {
    // the rows are consistent by construction: skip triggers (capacity check, FK checks) while bulk loading
    await c.query(`SET session_replication_role = replica`);
    await c.query(`SET maintenance_work_mem = '256MB'`);
    await c.query(`SELECT setseed(0.4242)`);
    await c.query(`CREATE TEMP TABLE bench_munis AS
      SELECT (row_number() OVER (ORDER BY code) - 1)::int AS i, code FROM municipalities m
      WHERE NOT EXISTS (SELECT 1 FROM municipalities w WHERE w.parent_code = m.code)`);
    const { rows: [{ n: muniCount }] } = await c.query(`SELECT count(*)::int AS n FROM bench_munis`);
    if (p.weighted) {
      // realistic case (see geography.js): organisation g goes to the leaf whose cumulative weight range holds
      // a low-discrepancy point, so each leaf gets its population share of the providers
      await c.query(`CREATE TEMP TABLE bench_cum AS
        SELECT code, coalesce(sum(weight) OVER w - weight, 0) / t.total AS lo, sum(weight) OVER w / t.total AS hi
        FROM bench_muni_weight, (SELECT sum(weight) AS total FROM bench_muni_weight) t WINDOW w AS (ORDER BY code)`);
      await step('organisations', c, `
        INSERT INTO organisations(name, kind, municipality_code)
        SELECT 'bench-org-' || lpad(g::text, 5, '0'), 'provider', m.code
        FROM generate_series(1, $1::int) g JOIN bench_cum m ON ((g - 0.5) / $1::float8) >= m.lo AND ((g - 0.5) / $1::float8) < m.hi`, [p.organisations]);
    } else {
      await step('organisations', c, `
        INSERT INTO organisations(name, kind, municipality_code)
        SELECT 'bench-org-' || lpad(g::text, 5, '0'), 'provider', m.code
        FROM generate_series(1, $1::int) g JOIN bench_munis m ON m.i = (g * 7919) % $2::int`, [p.organisations, muniCount]);
    }
    const { rows: [{ hash }] } = await c.query(`SELECT password_hash AS hash FROM users WHERE lower(email) = 'staff@ukisato-ss.example'`);
    await step('users', c, `
      INSERT INTO users(organisation_id, email, display_name, role, password_hash)
      SELECT id, 'bench-staff-' || substr(name, 11) || '@bench.example', 'ベンチ職員 ' || substr(name, 11), 'provider_staff', $1
      FROM organisations WHERE name LIKE 'bench-org-%'`, [hash]);
    await step('units', c, `
      INSERT INTO units(organisation_id, name, service_type, municipality_code, capacity, categories, accepts_children,
        support_level_min, support_level_max, special_needs, room_gender, emergency_ok, trial_ok, contact_24h)
      SELECT o.id, 'bench-unit-' || substr(o.name, 11) || '-' || k,
        (ARRAY['short_stay_attached','short_stay_vacant_bed','short_stay_standalone','group_home_care','group_home_daytime',
               'group_home_external','residential'])[1 + (r.a % 7)],
        o.municipality_code, 1 + (r.b % 10),
        array_remove(ARRAY[CASE WHEN r.cat & 1 > 0 THEN 'physical' END, CASE WHEN r.cat & 2 > 0 THEN 'intellectual' END,
                           CASE WHEN r.cat & 4 > 0 THEN 'psychiatric' END, CASE WHEN r.cat & 8 > 0 THEN 'intractable_disease' END], NULL),
        r.a % 4 = 0, r.lo, r.lo + ((r.a / 11) % (7 - r.lo)),
        CASE WHEN r.nd < 70 THEN '{}'::text[] WHEN r.nd < 80 THEN '{medical_care}' WHEN r.nd < 90 THEN '{severe_behavioural}'
             WHEN r.nd < 96 THEN '{severe_physical}' ELSE '{medical_care,severe_physical}' END,
        CASE WHEN r.g < 60 THEN 'either' WHEN r.g < 80 THEN 'male' ELSE 'female' END,
        r.a % 3 = 0, r.b % 4 = 0, '096-000-0000'
      FROM organisations o CROSS JOIN generate_series(1, $1::int) k
      CROSS JOIN LATERAL (SELECT h.a, h.b, 1 + h.a % 15 AS cat, h.b % 4 AS lo, (h.a / 7) % 100 AS nd, (h.b / 5) % 100 AS g
                          FROM (SELECT abs(hashtext(o.name || '/' || k || '/a')) AS a, abs(hashtext(o.name || '/' || k || '/b')) AS b) h) r
      WHERE o.name LIKE 'bench-org-%'
      ORDER BY o.name, k`, [p.unitsPerOrganisation]);
    // freshness per unit: 70 % confirmed within 20 h (fresh), 20 % 1–6 days (stale), 10 % 8–28 days (unknown)
    await step('vacancies', c, `
      INSERT INTO vacancies(unit_id, night, gender, free, held, confirmed_at)
      SELECT u.id, ((now() AT TIME ZONE 'Asia/Tokyo')::date + d), u.gender,
             CASE WHEN random() < 0.35 THEN 0 ELSE (random() * u.capacity)::int END, 0,
             u.conf + (d * interval '1 second')
      FROM (SELECT id, capacity, CASE room_gender WHEN 'either' THEN 'any' ELSE room_gender END AS gender,
                   now() - CASE WHEN x < 0.7 THEN x * interval '28 hours' WHEN x < 0.9 THEN interval '1 day' + (x - 0.7) * interval '25 days'
                                ELSE interval '8 days' + (x - 0.9) * interval '200 days' END AS conf
            FROM (SELECT id, capacity, room_gender, random() AS x FROM units WHERE name LIKE 'bench-unit-%') u0 ORDER BY id) u
      CROSS JOIN generate_series(0, $1::int - 1) d`, [p.nights]);
    await c.query(`RESET session_replication_role`);
    await step('vacuumAnalyze', c, `VACUUM ANALYZE`);
  });
  const counts = await withClient(url, (c) =>
    c.query(`SELECT (SELECT count(*) FROM organisations)::int AS organisations, (SELECT count(*) FROM units)::int AS units,
                    (SELECT count(*) FROM vacancies)::int AS vacancies, (SELECT count(*) FROM users)::int AS users,
                    pg_size_pretty(pg_total_relation_size('vacancies')) AS vacancies_size`).then((r) => r.rows[0]),
  );
  return { parameters: p, counts, timingsMs: timings };
}

module.exports = { seed, DEFAULTS };
