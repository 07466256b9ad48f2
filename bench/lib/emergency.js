'use strict';
/**
 * Emergency requests for the benchmarks (emergency-push, matching): varied de-identified needs, and
 * the API's own matcher (the compiled `RequestMatcher`, whose SQL therefore never drifts from the
 * API) run over a data source that times and keeps every query it sends to the scratch database.
 */
require('reflect-metadata');
const path = require('node:path');
const webPush = require('web-push');
const { Pool } = require('pg');
const { API_DIST, PERSONAL_DATA_KEY, withClient } = require('./db');
const dates = require('./dates');
const { rng } = require('./rng');

const CATEGORIES = ['physical', 'intellectual', 'psychiatric', 'intractable_disease'];
const ADULT_BANDS = ['18-29', '30-49', '50-64', '65+'];
const CHILD_BANDS = ['0-5', '6-11', '12-17'];

/**
 * `n` request bodies for POST /api/emergency-requests (seeded PRNG: the same every run). Needs are
 * what coordinators typically post: mostly one category, sometimes two; 10 % children; support level
 * 0–6 weighted to the middle; three quarters with no special need; 1–7 nights within two weeks.
 */
function emergencyRequests(n, seed, municipalities) {
  const r = rng(seed);
  const today = dates.today();
  return Array.from({ length: n }, (_, i) => {
    const child = r.chance(0.1);
    const categories = [r.pick(CATEGORIES)];
    if (r.chance(0.25)) {
      const second = r.pick(CATEGORIES);
      if (second !== categories[0]) categories.push(second);
    }
    const x = r();
    const specialNeeds = x < 0.75 ? [] : x < 0.85 ? ['severe_behavioural'] : x < 0.93 ? ['medical_care'] : ['severe_physical'];
    return {
      needs: {
        ageBand: child ? r.pick(CHILD_BANDS) : r.pick(ADULT_BANDS),
        gender: r.chance(0.5) ? 'male' : 'female',
        categories,
        child,
        supportLevel: r.pick([0, 1, 2, 2, 3, 3, 3, 4, 4, 5, 6]),
        specialNeeds,
      },
      municipalityCode: municipalities[i % municipalities.length],
      from: dates.addDays(today, r.chance(0.5) ? 0 : 1 + r.int(14)),
      nights: 1 + r.int(r.chance(0.7) ? 3 : 7),
      urgency: r.pick(['emergency', 'emergency', 'watch', 'normal']),
      situation: `bench: 介護者の急病のため緊急の短期入所が必要 #${i}`,
    };
  });
}

/**
 * The compiled RequestMatcher (and its AreaDirectory) over a small pg pool. `db.calls` holds, for
 * every query since the last `db.reset()`, its SQL, parameters, rows returned and milliseconds.
 */
async function apiMatcher(databaseUrl) {
  const { RequestMatcher } = require(path.join(API_DIST, 'emergency-requests', 'request-matcher.service.js'));
  const { MatchingRepository } = require(path.join(API_DIST, 'emergency-requests', 'matching.repository.js'));
  const { AreaDirectory } = require(path.join(API_DIST, 'areas', 'area-directory.service.js'));
  const { AreaDirectoryRepository } = require(path.join(API_DIST, 'areas', 'area-directory.repository.js'));
  const { loadEnv } = require(path.join(API_DIST, 'config', 'env.js'));
  const c = new Pool({ connectionString: databaseUrl, max: 3 });
  const db = {
    calls: [],
    reset() {
      this.calls = [];
    },
    async query(sql, params) {
      const t = performance.now();
      const { rows } = await c.query(sql, params);
      this.calls.push({ sql, params, rows, ms: performance.now() - t });
      return rows;
    },
  };
  // the API's defaults for the vacancy policy (VACANCY_STALE_HOURS, VACANCY_UNKNOWN_DAYS)
  let env;
  try {
    env = loadEnv({ NODE_ENV: 'production', DATABASE_URL: databaseUrl, JWT_SECRET: 'x'.repeat(48), PERSONAL_DATA_KEY, AUDIT_HMAC_KEY: Buffer.alloc(32, 2).toString('base64'), APP_DATABASE_PASSWORD: 'x'.repeat(24), ...vapidEnv() });
  } catch {
    env = { VACANCY_STALE_HOURS: 24, VACANCY_UNKNOWN_DAYS: 7 };
  }
  const areas = new AreaDirectory(new AreaDirectoryRepository(db));
  const matcher = new RequestMatcher(new MatchingRepository(db), areas, env);
  return { matcher, areas, db, policy: matcher.policy, close: () => c.end() };
}

/**
 * The benchmarks post as one demo coordinator for municipalities all over the country: its centre
 * serves every municipality (a service area set like an admin would, issue 8), else those outside its
 * prefecture are refused (403).
 */
function serveEverywhere(databaseUrl, email = 'coordinator@uki-kikan.example') {
  return withClient(databaseUrl, (c) =>
    c.query(
      `INSERT INTO organisation_service_areas(organisation_id, municipality_code)
       SELECT u.organisation_id, m.code FROM users u, municipalities m WHERE u.email = $1 ON CONFLICT DO NOTHING`,
      [email],
    ),
  );
}

module.exports = { emergencyRequests, apiMatcher, serveEverywhere, CATEGORIES };

function vapidEnv() {
  const { publicKey, privateKey } = webPush.generateVAPIDKeys();
  return { VAPID_PUBLIC_KEY: publicKey, VAPID_PRIVATE_KEY: privateKey };
}
