'use strict';
/**
 * A synthetic national geography shaped like Japan, for the realistic search case (scratch databases
 * only — the API's reference geography has 3 prefectures and 23 municipalities). The missing
 * prefectures are added with their real codes and populations; every prefecture gets about its real
 * number of municipalities (≈1,740 in all, the real ones kept) grouped into ≈350 regions (圏域).
 * `bench_muni_weight` (a scratch-only table) gives each leaf municipality its share of the providers:
 * the prefecture's share of the population, split over its municipalities by a Zipf law (s = 0.9,
 * ranks shuffled deterministically), so a prefectural capital gets hundreds of units and a village a
 * handful — as in 障害福祉サービス事業所 data, where providers follow population.
 */
const { withClient } = require('./db');

// code, name, population (millions, 2020 census, rounded), municipalities (real count, wards not counted)
const PREFECTURES = [
  ['01', '北海道', 5.22, 179], ['02', '青森県', 1.24, 40], ['03', '岩手県', 1.21, 33], ['04', '宮城県', 2.3, 35], ['05', '秋田県', 0.96, 25],
  ['06', '山形県', 1.07, 35], ['07', '福島県', 1.83, 59], ['08', '茨城県', 2.87, 44], ['09', '栃木県', 1.93, 25], ['10', '群馬県', 1.94, 35],
  ['11', '埼玉県', 7.34, 63], ['12', '千葉県', 6.28, 54], ['13', '東京都', 14.05, 62], ['14', '神奈川県', 9.24, 33], ['15', '新潟県', 2.2, 30],
  ['16', '富山県', 1.03, 15], ['17', '石川県', 1.13, 19], ['18', '福井県', 0.77, 17], ['19', '山梨県', 0.81, 27], ['20', '長野県', 2.05, 77],
  ['21', '岐阜県', 1.98, 42], ['22', '静岡県', 3.63, 35], ['23', '愛知県', 7.54, 54], ['24', '三重県', 1.77, 29], ['25', '滋賀県', 1.41, 19],
  ['26', '京都府', 2.58, 26], ['27', '大阪府', 8.84, 43], ['28', '兵庫県', 5.47, 41], ['29', '奈良県', 1.32, 39], ['30', '和歌山県', 0.92, 30],
  ['31', '鳥取県', 0.55, 19], ['32', '島根県', 0.67, 19], ['33', '岡山県', 1.89, 27], ['34', '広島県', 2.8, 23], ['35', '山口県', 1.34, 19],
  ['36', '徳島県', 0.72, 24], ['37', '香川県', 0.95, 17], ['38', '愛媛県', 1.33, 20], ['39', '高知県', 0.69, 34], ['40', '福岡県', 5.14, 60],
  ['41', '佐賀県', 0.81, 20], ['42', '長崎県', 1.31, 21], ['43', '熊本県', 1.74, 45], ['44', '大分県', 1.12, 18], ['45', '宮崎県', 1.07, 26],
  ['46', '鹿児島県', 1.59, 43], ['47', '沖縄県', 1.47, 41],
];
const MUNICIPALITIES_PER_REGION = 5;
const ZIPF_S = 0.9;

/** Adds the geography and `bench_muni_weight(code, weight)`; answers counts. Run before the bulk seed. */
async function seedJapan(url) {
  return withClient(url, async (c) => {
    await c.query('BEGIN');
    await c.query(`CREATE TEMP TABLE bench_pref(code varchar(2), name text, population float8, munis int) ON COMMIT DROP`);
    await c.query(`INSERT INTO bench_pref SELECT * FROM unnest($1::text[], $2::text[], $3::float8[], $4::int[])`, [
      PREFECTURES.map((p) => p[0]), PREFECTURES.map((p) => p[1]), PREFECTURES.map((p) => p[2]), PREFECTURES.map((p) => p[3]),
    ]);
    await c.query(`INSERT INTO prefectures(code, name, name_en) SELECT code, name, 'Prefecture ' || code FROM bench_pref ON CONFLICT DO NOTHING`);
    // synthetic regions: enough for ~5 municipalities each (the real ones are kept beside them)
    await c.query(`
      INSERT INTO regions(id, prefecture_code, name, name_en)
      SELECT p.code || '-syn' || lpad(k::text, 2, '0'), p.code, p.name || '第' || k || '圏域', 'Synthetic region ' || k
      FROM bench_pref p CROSS JOIN LATERAL generate_series(1, greatest(2, round(p.munis::float8 / $1)::int)) k`, [MUNICIPALITIES_PER_REGION]);
    // synthetic municipalities up to the real count of leaves (codes PP700…, unused by the reference data)
    await c.query(`
      INSERT INTO municipalities(code, name, name_en, kind, prefecture_code, region_id, parent_code)
      SELECT p.code || (700 + k)::text, p.name || '合成' || k || (CASE WHEN k <= p.munis / 4 THEN '市' ELSE '町' END), 'Synthetic ' || k,
             CASE WHEN k <= p.munis / 4 THEN 'city' ELSE 'town' END, p.code,
             p.code || '-syn' || lpad((1 + (k - 1) % greatest(2, round(p.munis::float8 / $1)::int))::text, 2, '0'), NULL
      FROM bench_pref p
      CROSS JOIN LATERAL generate_series(1, p.munis - (SELECT count(*) FROM municipalities m
                                                         WHERE m.prefecture_code = p.code AND NOT EXISTS (SELECT 1 FROM municipalities w WHERE w.parent_code = m.code))::int) k
      ON CONFLICT DO NOTHING`, [MUNICIPALITIES_PER_REGION]);
    // weights: the prefecture's population over its leaves by Zipf rank (ranks shuffled by a hash of the code)
    await c.query(`DROP TABLE IF EXISTS bench_muni_weight`);
    await c.query(`
      CREATE TABLE bench_muni_weight AS
      WITH leaves AS (
        SELECT m.code, m.prefecture_code, row_number() OVER (PARTITION BY m.prefecture_code ORDER BY hashtext(m.code || 'rank'), m.code) AS rank
        FROM municipalities m WHERE NOT EXISTS (SELECT 1 FROM municipalities w WHERE w.parent_code = m.code)
      ),
      z AS (SELECT l.*, 1 / power(rank, $1::float8) AS z FROM leaves l)
      SELECT z.code, p.population * z.z / sum(z.z) OVER (PARTITION BY z.prefecture_code) AS weight
      FROM z JOIN bench_pref p ON p.code = z.prefecture_code`, [ZIPF_S]);
    await c.query('COMMIT');
    const { rows: [counts] } = await c.query(`SELECT (SELECT count(*) FROM prefectures)::int AS prefectures, (SELECT count(*) FROM regions)::int AS regions,
      (SELECT count(*) FROM municipalities)::int AS municipalities, (SELECT count(*) FROM bench_muni_weight)::int AS leaves`);
    return counts;
  });
}

module.exports = { seedJapan, PREFECTURES };
