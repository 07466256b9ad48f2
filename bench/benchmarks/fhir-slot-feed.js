'use strict';
/**
 * The open FHIR Slot feed of a prefecture (GET /api/feeds/fhir/Slot, issue 15): 60 nights × every unit
 * of the prefecture, one Schedule and 60 Slots per unit, streamed. The seed puts tens of thousands of
 * units in its few prefectures — more than any real one — so the bench builds its own prefecture in a
 * code the reference geography leaves free: three municipalities, `units` units (default 1,000, a large
 * prefecture's short-stay and group-home units) copied from seeded ones, each with a vacancy row per
 * night. A key is issued to one of its providers through the admin API. Sequential full downloads
 * after a warm-up: time to first byte and to the last byte (target ≤ 1 s), with the document's size
 * and its Slot count checked (units × nights) on every run.
 */
const { startApi, login, request } = require('../lib/api');
const { summarize } = require('../lib/stats');
const { metric } = require('../lib/results');
const { withClient } = require('../lib/db');
const { cpuMeter } = require('../lib/proc');
const { now } = require('../lib/fleets');

const DEFAULTS = { warmup: 2, requests: 20, units: 1000, nights: 60 };

/** A prefecture of the bench's own, with `units` live units and a vacancy row per unit and night. */
async function preparePrefecture(url, units, nights) {
  return withClient(url, async (c) => {
    const { rows: [free] } = await c.query(`
      SELECT lpad(g::text, 2, '0') AS code FROM generate_series(1, 47) g
      WHERE lpad(g::text, 2, '0') NOT IN (SELECT code FROM prefectures) ORDER BY g LIMIT 1`);
    if (!free) throw new Error('no free prefecture code for the bench');
    const pc = free.code;
    await c.query(`INSERT INTO prefectures(code, name, name_en) VALUES ($1, 'ベンチ県', 'Bench')`, [pc]);
    await c.query(`
      INSERT INTO municipalities(code, name, name_en, kind, prefecture_code)
      SELECT $1 || k::text || '01', 'ベンチ市' || k, 'Bench ' || k, 'city', $1 FROM generate_series(1, 3) k`, [pc]);
    const { rows: [org] } = await c.query(
      `INSERT INTO organisations(name, kind, municipality_code) VALUES ('ベンチ県 短期入所', 'provider', $1 || '101') RETURNING id`, [pc]);
    // the seed's way of writing rows directly (no capacity trigger per row: the values are in range)
    await c.query(`SET session_replication_role = replica`);
    await c.query(`
      WITH src AS (SELECT * FROM units WHERE retired_at IS NULL ORDER BY id LIMIT 500),
      copies AS (
        INSERT INTO units(organisation_id, name, service_type, municipality_code, capacity, categories, accepts_children,
          support_level_min, support_level_max, special_needs, room_gender, emergency_ok, trial_ok, contact_24h)
        SELECT $2, 'bench-feed-' || k, s.service_type, $1 || (1 + k % 3)::text || '01', s.capacity, s.categories, s.accepts_children,
          s.support_level_min, s.support_level_max, s.special_needs, s.room_gender, s.emergency_ok, s.trial_ok, s.contact_24h
        FROM generate_series(1, $3::int) k
        JOIN LATERAL (SELECT * FROM src OFFSET (k - 1) % (SELECT count(*) FROM src) LIMIT 1) s ON true
        RETURNING id, capacity, room_gender
      )
      INSERT INTO vacancies(unit_id, night, gender, free, held, confirmed_at)
      SELECT u.id, (now() AT TIME ZONE 'Asia/Tokyo')::date + d, CASE u.room_gender WHEN 'either' THEN 'any' ELSE u.room_gender END,
             CASE WHEN random() < 0.35 THEN 0 ELSE (random() * u.capacity)::int END, 0, now() - random() * interval '40 hours'
      FROM copies u CROSS JOIN generate_series(-1, $4::int) d`, [pc, org.id, units, nights]);
    await c.query(`RESET session_replication_role`);
    await c.query(`VACUUM ANALYZE units, vacancies`);
    return { prefectureCode: pc, organisationId: org.id, units };
  });
}

/** One full download: time to the first and the last byte, bytes, and the Slots counted in the stream. */
async function download(url, key) {
  const t0 = now();
  const res = await fetch(url, { headers: { 'x-api-key': key } });
  let firstByteMs = null;
  let bytes = 0;
  let slots = 0;
  let tail = '';
  const decoder = new TextDecoder();
  for await (const chunk of res.body) {
    firstByteMs ??= now() - t0;
    bytes += chunk.length;
    // count without keeping the document: a marker may straddle two chunks
    const text = tail + decoder.decode(chunk, { stream: true });
    slots += text.split('"resourceType":"Slot"').length - 1;
    tail = text.slice(-24);
    if (tail.includes('"resourceType":"Slot"')) tail = tail.slice(tail.lastIndexOf('"resourceType":"Slot"') + 1);
  }
  return { status: res.status, firstByteMs, totalMs: now() - t0, bytes, slots };
}

async function run(ctx) {
  const p = { ...DEFAULTS, ...(ctx.quick ? { warmup: 1, requests: 3 } : {}) };
  const pref = await preparePrefecture(ctx.databaseUrl, p.units, p.nights);
  const api = await startApi(ctx.databaseUrl, { name: 'api-fhir-feed', env: { FEED_RATE_LIMIT_PER_MINUTE: '100000' } });
  ctx.children.add(api.child);
  try {
    const admin = await login(api.url, 'admin@akiwa.example');
    const issued = await request(api.url, 'POST', '/api/admin/api-keys', { token: admin, body: { organisationId: pref.organisationId, name: 'bench' } });
    if (issued.status !== 201) throw new Error(`issue key: ${issued.status} ${JSON.stringify(issued.body)}`);
    const url = `${api.url}/api/feeds/fhir/Slot?days=${p.nights}`;
    const totals = [];
    const firsts = [];
    const statuses = {};
    let wrongCounts = 0;
    let bytes = 0;
    let meter = null;
    for (let i = 0; i < p.warmup + p.requests; i++) {
      if (i === p.warmup) {
        await api.probe('loopReset');
        meter = cpuMeter({ api: api.pid });
      }
      const r = await download(url, issued.body.key).catch((e) => ({ status: `error: ${e.message}` }));
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      if (r.status === 200 && r.slots !== p.units * p.nights) wrongCounts++;
      if (i >= p.warmup && r.status === 200) {
        totals.push(r.totalMs);
        firsts.push(r.firstByteMs);
        bytes = r.bytes;
      }
    }
    const cpu = meter();
    const total = summarize(totals);
    const first = summarize(firsts);
    return {
      parameters: { ...p, note: 'one prefecture of the bench’s own, sequential full downloads, full HTTP round trip' },
      metrics: [
        metric('fhir_slot_feed_prefecture_p50', total.p50, 'ms', null),
        metric('fhir_slot_feed_prefecture_max', total.max, 'ms', '<= 1000', { note: 'time to the last byte of 60 nights × all units' }),
        metric('fhir_slot_feed_first_byte_p50', first.p50, 'ms', null),
        metric('fhir_slot_feed_size', Math.round(bytes / 1024), 'KB', null),
        metric('fhir_slot_feed_wrong_slot_counts', wrongCounts, 'responses', '== 0'),
        metric('fhir_slot_feed_non_200', Object.entries(statuses).filter(([k]) => k !== '200').reduce((a, [, n]) => a + n, 0), 'responses', '== 0'),
        metric('machine_idle_during_run', cpu.machineIdle, '% of one core', null, { note: 'low = the shared machine was busy' }),
      ],
      details: { prefecture: pref, total, first, statuses, cpu, apiEventLoopDelayMs: await api.probe('loop') },
    };
  } finally {
    await api.stop();
    ctx.children.delete(api.child);
  }
}

module.exports = { name: 'fhir-slot-feed', run, DEFAULTS };
