'use strict';
/**
 * What the vacancy-traffic benchmarks share (sustained-updates, failover, relay): coordinators' boards
 * spread the way coordinators are, and the units a load generator adjusts with their current state.
 */
const { withClient } = require('./db');
const { login } = require('./api');
const { picker } = require('./realistic');
const { rng } = require('./rng');

/** Which area a board watches: its municipality, its region or the whole prefecture. */
const BOARD_LEVELS = { municipality: 0.55, region: 0.3, prefecture: 0.15 };

/**
 * `n` board subscriptions: a municipality picked in proportion to the units there (where the people
 * and providers are), then watched at municipality, region or prefecture level.
 */
async function boardAreas(databaseUrl, n, levels = BOARD_LEVELS, seed = 11) {
  const munis = await withClient(databaseUrl, (c) =>
    c
      .query(`SELECT m.code, m.region_id AS "regionId", m.prefecture_code AS "prefectureCode", count(u.id)::int AS units
              FROM municipalities m JOIN units u ON u.municipality_code = m.code AND u.retired_at IS NULL GROUP BY 1, 2, 3`)
      .then((r) => r.rows),
  );
  const r = rng(seed);
  const pick = picker(r, munis, (m) => m.units);
  const { municipality, region } = levels;
  return Array.from({ length: n }, () => {
    const m = pick();
    const x = r();
    if (x < municipality) return { municipalityCode: m.code };
    if (x < municipality + region && m.regionId) return { regionId: m.regionId };
    return { prefectureCode: m.prefectureCode };
  });
}

/** The socket.io room a board subscription joins (the contract's Rooms). */
function boardRoom(area) {
  const { Rooms } = require('../../libs/contracts/dist/index.js');
  if (area.municipalityCode) return Rooms.municipality(area.municipalityCode);
  if (area.regionId) return Rooms.region(area.regionId);
  return Rooms.prefecture(area.prefectureCode);
}

/** The rooms a socket of `token` is in besides its boards: its user, organisation and session (from the token's claims). */
function ownRooms(token) {
  const { Rooms } = require('../../libs/contracts/dist/index.js');
  const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
  return [Rooms.user(claims.sub), Rooms.organisation(claims.org), Rooms.session(claims.sid)];
}

/**
 * The units of the first `organisations` seeded providers with their state for `nights` (straight
 * from the database), each with a token of its own organisation's staff (logged in through `apiUrl`):
 * what bench/lib/load-worker.js's `setup` takes. `municipalities`: only providers there (`exclude`: only elsewhere).
 */
async function adjustableUnits(databaseUrl, apiUrl, organisations, nights, { municipalities = null, exclude = false } = {}) {
  const rows = await withClient(databaseUrl, (c) =>
    c
      .query(
        `SELECT u.id, u.capacity, CASE u.room_gender WHEN 'either' THEN 'any' ELSE u.room_gender END AS gender, u.vacancy_version AS version,
                o.name AS org, jsonb_object_agg(v.night::text, v.free) FILTER (WHERE v.night IS NOT NULL) AS free
         FROM units u JOIN organisations o ON o.id = u.organisation_id
         LEFT JOIN vacancies v ON v.unit_id = u.id AND v.night BETWEEN $2::date AND $3::date
           AND v.gender = CASE u.room_gender WHEN 'either' THEN 'any' ELSE u.room_gender END
         WHERE o.name IN (SELECT name FROM organisations WHERE name LIKE 'bench-org-%'
                          AND ($4::text[] IS NULL OR (municipality_code = ANY($4::text[])) <> $5) ORDER BY name LIMIT $1)
         GROUP BY u.id, o.name ORDER BY o.name, u.name`,
        [organisations, nights[0], nights[nights.length - 1], municipalities, exclude],
      )
      .then((r) => r.rows),
  );
  const orgs = [...new Set(rows.map((r) => r.org))];
  const tokens = new Map();
  for (let i = 0; i < orgs.length; i += 4) {
    await Promise.all(orgs.slice(i, i + 4).map(async (org) => tokens.set(org, await login(apiUrl, `bench-staff-${org.slice('bench-org-'.length)}@bench.example`))));
  }
  return { organisations: orgs.length, units: rows.map((r) => ({ id: r.id, capacity: r.capacity, gender: r.gender, version: r.version, free: r.free ?? {}, nights, token: tokens.get(r.org) })) };
}

module.exports = { BOARD_LEVELS, boardAreas, boardRoom, ownRooms, adjustableUnits };
