'use strict';
const { metric } = require('./results');
/**
 * The realistic case shared by `search`, `matching` and `trial-availability` (see bench/README.md): a
 * second scratch database (`<name>_japan`) with the synthetic national geography of geography.js and
 * the same bulk seed spread by population. Created once per run (cached on ctx) and dropped with the
 * others; `BENCH_REALISTIC_DB=name` (or the older `BENCH_SEARCH_REALISTIC_DB`) reuses one (development).
 * Also: the geography as the benchmarks pick from it, with population weights when present.
 */
const { withClient, withDatabase, createDatabase, migrateAndLoadDemo, ADMIN_URL } = require('./db');
const { seed } = require('./seed');
const { seedJapan } = require('./geography');

/** The realistic database: `{ url, name, geography, seeded, totalMs }` (or `{ url, reused }`). Once per run. */
function realisticDatabase(ctx) {
  ctx.realistic ??= (async () => {
    const reuse = process.env.BENCH_REALISTIC_DB || process.env.BENCH_SEARCH_REALISTIC_DB;
    if (reuse) return { url: withDatabase(ADMIN_URL, reuse), name: reuse, reused: true };
    const name = `${ctx.databaseName}_japan`;
    ctx.databases.push(name);
    const t = Date.now();
    const url = await createDatabase(name);
    await migrateAndLoadDemo(url);
    const geography = await seedJapan(url);
    const seeded = await seed(url, { ...(ctx.quick ? { organisations: 2000 } : {}), weighted: true });
    return { url, name, geography, seeded, totalMs: Date.now() - t };
  })();
  return ctx.realistic;
}

/** Picks by weight when the geography carries weights (realistic case: requests come from where people live). */
function picker(r, items, weightOf) {
  if (!weightOf) return () => r.pick(items);
  const cum = [];
  let total = 0;
  for (const it of items) cum.push((total += weightOf(it)));
  return () => {
    const x = r() * total;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return items[lo];
  };
}

/** Municipalities, regions and prefectures; `weights` (population, per level) on a realistic database. */
async function loadGeo(databaseUrl) {
  return withClient(databaseUrl, async (c) => {
    const geo = {
      municipalities: (await c.query(`SELECT code, prefecture_code FROM municipalities ORDER BY code`)).rows,
      regions: (await c.query(`SELECT id FROM regions ORDER BY id`)).rows.map((r) => r.id),
      prefectures: (await c.query(`SELECT code FROM prefectures ORDER BY code`)).rows.map((r) => r.code),
    };
    const weighted = (await c.query(`SELECT to_regclass('bench_muni_weight') IS NOT NULL AS ok`)).rows[0].ok;
    if (weighted) {
      const rows = (await c.query(`SELECT m.code, m.region_id, m.prefecture_code, coalesce(w.weight, 0) AS weight
                                   FROM municipalities m LEFT JOIN bench_muni_weight w ON w.code = m.code`)).rows;
      const add = (map, k, v) => k && map.set(k, (map.get(k) ?? 0) + v);
      const weights = { municipality: new Map(), region: new Map(), prefecture: new Map() };
      for (const m of rows) {
        add(weights.municipality, m.code, m.weight);
        add(weights.region, m.region_id, m.weight);
        add(weights.prefecture, m.prefecture_code, m.weight);
      }
      geo.weights = weights;
    }
    geo.unitsPerPrefecture = (await c.query(`SELECT m.prefecture_code AS code, count(*)::int AS units FROM units u JOIN municipalities m ON m.code = u.municipality_code
                                            WHERE u.retired_at IS NULL GROUP BY 1 ORDER BY 2 DESC LIMIT 5`)).rows;
    geo.maxUnitsPerMunicipality = (await c.query(`SELECT max(n)::int AS n FROM (SELECT count(*) AS n FROM units GROUP BY municipality_code) x`)).rows[0].n;
    return geo;
  });
}

/** Area pickers over `geo` (population-weighted when it has weights, uniform otherwise). */
function areaPickers(r, geo) {
  const w = geo.weights;
  return {
    municipality: picker(r, geo.municipalities, w && ((m) => w.municipality.get(m.code) ?? 0)),
    region: picker(r, geo.regions, w && ((id) => w.region.get(id) ?? 0)),
    prefecture: picker(r, geo.prefectures, w && ((code) => w.prefecture.get(code) ?? 0)),
  };
}

/**
 * Metrics of the dense case, renamed `stress_*` and judged too: on the dense targets given by name
 * (latencies: the dense figures), every other target as on the realistic case.
 */
const asStress = (metrics, denseTargets = {}) =>
  metrics.map((m) => {
    const { name, value, unit, target, pass: _, ...extra } = m;
    return metric(`stress_${name}`, value, unit, name in denseTargets ? denseTargets[name] : target, extra);
  });

module.exports = { realisticDatabase, picker, loadGeo, areaPickers, asStress };
