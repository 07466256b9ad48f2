import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';

/**
 * A fiscal year of raw rows (令和7年度 and a little on either side of it), written straight into the
 * tables so every time is known, and kept in memory so a test can compute each figure itself.
 */
export const FY = 2025;
/** The period's end, 2026-04-01 00:00 in Japan: when engagement and waiting lists are measured. */
export const AS_OF = new Date('2026-03-31T15:00:00Z');
const MIN = 60_000;

export type Level = 'municipality' | 'region' | 'prefecture';
export const LEVELS: Level[] = ['municipality', 'region', 'prefecture'];
const CATS = ['physical', 'intellectual', 'psychiatric', 'intractable_disease'] as const;
const NEEDS = ['medical_care', 'severe_behavioural', 'severe_physical'] as const;
const REASONS = ['full', 'medical_care', 'staffing', 'gender', 'other'] as const;

export interface FxProvider { id: string; name: string; code: string; level: Record<string, Level>; unitId: string; serviceType: string }
export interface FxRequest {
  id: string; centre: string; code: string; status: string; urgency: string; categories: string[]; child: boolean; specialNeeds: string[];
  nights: number; scope: Level; createdAt: Date; closedAt: Date | null; contracted: string | null;
  /** `seenAt`: 確認しました (request_receipts), before or after the answer or without one. */
  recipients: { org: string; scope: Level; notifiedAt: Date; seenAt: Date | null }[];
  offers: { org: string; unitId: string; status: string; createdAt: Date }[];
  declines: { org: string; reason: string; at: Date }[];
}
export interface FxUnit { id: string; org: string; code: string; serviceType: string; lastConfirmed: Date | null; laterConfirmed: boolean }
export interface FxStay { unitOrg: string; person: string; personCode: string; from: string; to: string; status: string; centre: string }
export interface FxWaiting { org: string; orgCode: string; since: string; createdAt: Date; removedAt: Date | null; centre: string }

export interface Fixture {
  providers: FxProvider[];
  requests: FxRequest[];
  units: FxUnit[];
  stays: FxStay[];
  waiting: FxWaiting[];
}

function prng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const jst = (date: string, hh = 0, mm = 0) => new Date(Date.parse(`${date}T${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}:00+09:00`));

export async function writeReportFixture(db: DataSource, centres: { uki: string; kumamoto: string }, userId: string): Promise<Fixture> {
  const r = prng(20250401);
  // acknowledgements from their own stream, so adding them left every other drawn figure as it was
  const ack = prng(20260331);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const created = new Date('2025-01-01T00:00:00Z');

  // providers: one in 宇城市, one in 宇土市 (same 圏域), one in 八代市 (same prefecture), one GH home in 宇城市
  const specs = [
    { name: 'レポート短期入所 宇城', code: '43213', serviceType: 'short_stay_attached' },
    { name: 'レポート短期入所 宇土', code: '43211', serviceType: 'short_stay_standalone' },
    { name: 'レポート施設 八代', code: '43202', serviceType: 'residential' },
    { name: 'レポートGH 宇城', code: '43213', serviceType: 'group_home_care' },
  ];
  const providers: FxProvider[] = [];
  const units: FxUnit[] = [];
  for (const s of specs) {
    const id = randomUUID();
    await db.query(`INSERT INTO organisations(id, name, kind, municipality_code) VALUES ($1, $2, 'provider', $3)`, [id, s.name, s.code]);
    const unitId = randomUUID();
    await db.query(
      `INSERT INTO units(id, organisation_id, name, service_type, municipality_code, capacity, categories, support_level_min, support_level_max, room_gender, emergency_ok, trial_ok, created_at)
       VALUES ($1, $2, $3, $4, $5, 4, '{physical,intellectual}', 0, 6, 'either', $6, $7, $8)`,
      [unitId, id, `${s.name} 1`, s.serviceType, s.code, s.serviceType !== 'group_home_care', s.serviceType === 'group_home_care', created],
    );
    const level = (person: string): Level => (person === s.code ? 'municipality' : ['43213', '43211', '43348'].includes(person) && ['43213', '43211', '43348'].includes(s.code) ? 'region' : 'prefecture');
    providers.push({ id, name: s.name, code: s.code, unitId, serviceType: s.serviceType, level: { '43213': level('43213'), '43211': level('43211') } });
  }
  // two more emergency units in 宇城市 for the freshness figures: one never confirmed, one confirmed only after the year
  const emergencyProviders = providers.filter((p) => p.serviceType !== 'group_home_care');
  for (const p of emergencyProviders) units.push({ id: p.unitId, org: p.id, code: p.code, serviceType: p.serviceType, lastConfirmed: null, laterConfirmed: false });
  units[0].lastConfirmed = new Date(AS_OF.getTime() - 5 * 3600_000);
  units[1].lastConfirmed = new Date(AS_OF.getTime() - 30 * 3600_000);
  units[2].lastConfirmed = new Date(AS_OF.getTime() - 2 * 3600_000);
  for (const [i, extra] of [{ later: false }, { later: true }].entries()) {
    const org = randomUUID();
    await db.query(`INSERT INTO organisations(id, name, kind, municipality_code) VALUES ($1, $2, 'provider', '43213')`, [org, `レポート未更新 ${i}`]);
    const id = randomUUID();
    await db.query(
      `INSERT INTO units(id, organisation_id, name, service_type, municipality_code, capacity, categories, support_level_min, support_level_max, room_gender, emergency_ok, created_at)
       VALUES ($1, $2, 'ベッド', 'short_stay_vacant_bed', '43213', 2, '{physical}', 0, 6, 'either', true, $3)`,
      [id, org, created],
    );
    units.push({ id, org, code: '43213', serviceType: 'short_stay_vacant_bed', lastConfirmed: null, laterConfirmed: extra.later });
  }
  for (const u of units) {
    if (u.lastConfirmed) {
      await db.query(`INSERT INTO vacancies(unit_id, night, gender, free, confirmed_at) VALUES ($1, '2026-03-31', 'any', 1, $2), ($1, '2026-03-30', 'any', 1, $3)`, [
        u.id, u.lastConfirmed, new Date(u.lastConfirmed.getTime() - 48 * 3600_000),
      ]);
    }
    if (u.laterConfirmed) await db.query(`INSERT INTO vacancies(unit_id, night, gender, free, confirmed_at) VALUES ($1, '2026-05-01', 'any', 1, '2026-05-01T00:00:00Z')`, [u.id]);
  }

  // emergency requests: 宇城市 and 宇土市 persons, from 2025-03-20 to 2026-04-10 (Japan), plus the edges of 31 March
  const requests: FxRequest[] = [];
  const start = jst('2025-03-20').getTime();
  const span = jst('2026-04-10').getTime() - start;
  const edges = [jst('2025-03-31', 23, 59), jst('2025-04-01', 0, 0), jst('2026-03-31', 23, 59), jst('2026-04-01', 0, 0)];
  for (let i = 0; i < 140; i++) {
    const createdAt = i < edges.length ? edges[i] : new Date(start + Math.floor((r() * span) / MIN) * MIN);
    const code = r() < 0.75 ? '43213' : '43211';
    const scope = pick(LEVELS);
    const rank = LEVELS.indexOf(scope);
    const recipients: FxRequest['recipients'] = [];
    for (const p of emergencyProviders) {
      const lv = p.level[code];
      if (LEVELS.indexOf(lv) <= rank && r() < 0.55) {
        const notifiedAt = new Date(createdAt.getTime() + LEVELS.indexOf(lv) * 10 * MIN);
        recipients.push({ org: p.id, scope: lv, notifiedAt, seenAt: ack() < 0.6 ? new Date(notifiedAt.getTime() + (1 + Math.floor(ack() * 60)) * MIN) : null });
      }
    }
    const offers: FxRequest['offers'] = [];
    const declines: FxRequest['declines'] = [];
    for (const t of recipients) {
      const a = r();
      const at = new Date(t.notifiedAt.getTime() + (1 + Math.floor(r() * 90)) * MIN);
      if (a < 0.4) offers.push({ org: t.org, unitId: providers.find((p) => p.id === t.org)!.unitId, status: 'expired', createdAt: at });
      else if (a < 0.75) declines.push({ org: t.org, reason: pick(REASONS), at });
    }
    let status: string;
    let closedAt: Date | null = null;
    const roll = r();
    if (offers.length && roll < 0.7) {
      status = 'placed';
      const chosen = pick(offers);
      chosen.status = 'confirmed';
      for (const o of offers) if (o !== chosen) o.status = 'released';
      closedAt = new Date(Math.max(...offers.map((o) => o.createdAt.getTime())) + (1 + Math.floor(r() * 30)) * MIN);
    } else {
      status = roll < 0.8 ? 'cancelled' : roll < 0.93 ? 'unplaced' : 'open';
      if (status !== 'open') closedAt = new Date(createdAt.getTime() + 200 * MIN);
    }
    const categories = CATS.filter(() => r() < 0.35);
    if (!categories.length) categories.push(pick(CATS));
    requests.push({
      id: randomUUID(),
      centre: r() < 0.85 ? centres.uki : centres.kumamoto,
      code,
      status,
      urgency: pick(['emergency', 'emergency', 'watch', 'normal', 'normal']),
      categories,
      child: r() < 0.2,
      specialNeeds: NEEDS.filter(() => r() < 0.2),
      nights: 1 + Math.floor(r() * 10),
      scope,
      createdAt,
      closedAt,
      contracted: r() < 0.3 ? pick(emergencyProviders.slice(0, 2)).id : null,
      recipients,
      offers,
      declines,
    });
  }
  for (const q of requests) {
    await db.query(
      `INSERT INTO emergency_requests(id, organisation_id, created_by, status, urgency, age_band, gender, categories, child, support_level, special_needs,
         municipality_code, from_night, nights, scope, situation_encrypted, contracted_organisation_id, created_at, updated_at, closed_at)
       VALUES ($1,$2,$3,$4,$5,$6,'male',$7,$8,3,$9,$10,$11,$12,$13,'\\x00',$14,$15,$15,$16)`,
      [q.id, q.centre, userId, q.status, q.urgency, q.child ? '12-17' : '30-49', q.categories, q.child, q.specialNeeds, q.code,
        q.createdAt.toISOString().slice(0, 10), q.nights, q.scope, q.contracted, q.createdAt, q.closedAt],
    );
    for (const t of q.recipients) {
      await db.query(`INSERT INTO request_recipients(request_id, organisation_id, scope, unit_ids, notified_at, answer_by) VALUES ($1,$2,$3,$4,$5,$6)`, [
        q.id, t.org, t.scope, [providers.find((p) => p.id === t.org)!.unitId], t.notifiedAt, new Date(t.notifiedAt.getTime() + 30 * MIN),
      ]);
      if (t.seenAt) {
        await db.query(`INSERT INTO request_receipts(request_id, organisation_id, delivered_at, delivered_via, seen_at, seen_by) VALUES ($1,$2,$3,'in_app',$3,$4)`, [q.id, t.org, t.seenAt, userId]);
      }
    }
    for (const o of q.offers) {
      await db.query(`INSERT INTO offers(request_id, organisation_id, unit_id, status, expires_at, created_by, created_at, closed_at) VALUES ($1,$2,$3,$4,$5,$6,$5,$7)`, [
        q.id, o.org, o.unitId, o.status, o.createdAt, userId, o.status === 'confirmed' ? null : q.closedAt ?? o.createdAt,
      ]);
    }
    for (const d of q.declines) {
      await db.query(`INSERT INTO request_responses(request_id, organisation_id, reason, responded_by, at) VALUES ($1,$2,$3,$4,$5)`, [q.id, d.org, d.reason, userId, d.at]);
    }
  }

  // trial stays at the GH: persons of 宇城市 and 宇土市, stays crossing 31 March and the year's start
  const gh = providers.find((p) => p.serviceType === 'group_home_care')!;
  await db.query(`INSERT INTO trial_offers(unit_id) VALUES ($1)`, [gh.unitId]);
  const persons: { id: string; code: string }[] = [];
  for (let i = 0; i < 8; i++) {
    const id = randomUUID();
    const code = i < 6 ? '43213' : '43211';
    await db.query(`INSERT INTO trial_persons(id, organisation_id, display_name_encrypted, age_band, gender, municipality_code, support_level) VALUES ($1,$2,'\\x00','30-49','male',$3,3)`, [id, centres.uki, code]);
    persons.push({ id, code });
  }
  const stays: FxStay[] = [];
  const ranges: [string, string][] = [['2025-03-28', '2025-04-03'], ['2025-05-01', '2025-05-08'], ['2025-07-10', '2025-07-12'], ['2025-09-01', '2025-09-15'],
    ['2025-11-03', '2025-11-05'], ['2026-01-10', '2026-01-20'], ['2026-03-27', '2026-04-04'], ['2026-04-10', '2026-04-12'], ['2025-12-01', '2025-12-04']];
  for (const [i, [from, to]] of ranges.entries()) {
    const p = persons[i % persons.length];
    const status = i === 8 ? 'declined' : 'approved';
    await db.query(
      `INSERT INTO trial_stays(unit_id, provider_organisation_id, person_id, coordinator_organisation_id, nights, status, note_encrypted, reason_encrypted) VALUES ($1,$2,$3,$4,daterange($5::date,$6::date),$7,'\\x00',$8)`,
      [gh.unitId, gh.id, p.id, centres.uki, from, to, status, status === 'declined' ? '\\x00' : null],
    );
    stays.push({ unitOrg: gh.id, person: p.id, personCode: p.code, from, to, status, centre: centres.uki });
  }

  // waiting list of the GH (宇城市): some still waiting at the year's end, some removed before it, one added after it
  const waiting: FxWaiting[] = [
    { since: '2024-10-01', createdAt: jst('2024-10-01'), removedAt: null },
    { since: '2025-06-15', createdAt: jst('2025-06-15'), removedAt: null },
    { since: '2025-08-01', createdAt: jst('2025-08-01'), removedAt: jst('2026-02-01') },
    { since: '2025-12-24', createdAt: jst('2025-12-24'), removedAt: jst('2026-05-01') },
    { since: '2026-02-02', createdAt: jst('2026-02-02'), removedAt: null },
    { since: '2026-04-15', createdAt: jst('2026-04-15'), removedAt: null },
  ].map((w) => ({ ...w, org: gh.id, orgCode: gh.code, centre: centres.uki }));
  for (const w of waiting) {
    await db.query(
      `INSERT INTO waiting_list_entries(organisation_id, unit_id, coordinator_organisation_id, display_name_encrypted, notes_encrypted, age_band, gender, room_gender, waiting_since, created_at, removed_at)
       VALUES ($1,$2,$3,'\\x00','\\x00','30-49','male','either',$4,$5,$6)`,
      [w.org, gh.unitId, w.centre, w.since, w.createdAt, w.removedAt],
    );
  }
  return { providers, requests, units, stays, waiting };
}
