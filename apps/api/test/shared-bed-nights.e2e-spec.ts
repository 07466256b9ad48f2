import type { TrialPersonView, TrialStayView, UnitView, VacancyChangedEvent } from '@akiwa/contracts';
import { bookingViolations, eventWhere, postRequest } from './support/emergency';
import { DEMO, startTestApp, type HttpResult, type TestApp } from './support/test-app';
import { createUnit, inDays, setRange, today, vacancies } from './support/units';

const MISUMI_STAFF = 'staff@misumi-gh.example';

/** One bed-night is one resource: emergency holds/placements and trial stays draw on the same beds. */
describe('shared bed-nights (緊急受入 × 体験利用)', () => {
  let t: TestApp;
  let misumi: string;
  let coord: string;

  beforeAll(async () => {
    t = await startTestApp({ LOG_LEVEL: process.env.DEBUG_LOG ?? 'silent' });
    misumi = (await t.login(MISUMI_STAFF)).accessToken;
    coord = (await t.login(DEMO.coordinator)).accessToken;
  });
  afterAll(() => t.close());

  /** A group-home unit of みすみ that takes emergency placements (matching the default request) and trial stays. */
  async function sharedUnit(overrides: Partial<UnitView> = {}): Promise<UnitView> {
    const u = await createUnit(t, misumi, {
      serviceType: 'group_home_care', emergencyOk: true, trialOk: true, categories: ['intellectual'], roomGender: 'either', capacity: 2, ...overrides,
    });
    const r = await t.request('PUT', `/api/trial-stays/units/${u.id}/offer`, { token: misumi, body: { houseRules: '', whatToBring: '', openings: [{ from: today(), to: inDays(60) }] } });
    expect(r.status).toBe(200);
    return u;
  }

  async function person(overrides: Record<string, unknown> = {}): Promise<TrialPersonView> {
    const r = await t.request('POST', '/api/trial-persons', {
      token: coord,
      body: { displayName: `利用者${Math.random().toString(36).slice(2, 7)}`, ageBand: '30-49', gender: 'male', municipalityCode: '43213', categories: ['intellectual'], supportLevel: 4, specialNeeds: [], ...overrides },
    });
    expect(r.status).toBe(201);
    return r.body;
  }

  const book = (unitId: string, personId: string, from: string, to: string) =>
    t.request<TrialStayView & { nights: string[] }>('POST', '/api/trial-stays', { token: coord, body: { unitId, personId, from, to } });
  const accept = (requestId: string, unitId: string) => t.request('POST', `/api/emergency-requests/${requestId}/accept`, { token: misumi, body: { unitId } });

  /** Per night of the unit: free, and the beds taken by live offers and by live trial stays. */
  async function ledger(unitId: string) {
    return t.db.query(
      `SELECT v.night::text AS night, sum(v.free)::int AS free, sum(v.held)::int AS held,
              (SELECT count(*)::int FROM offer_nights n JOIN offers o ON o.id = n.offer_id WHERE n.unit_id = $1 AND n.night = v.night AND o.status IN ('held','confirmed')) AS offers,
              (SELECT count(*)::int FROM trial_stays s WHERE s.unit_id = $1 AND s.status IN ('requested','approved') AND s.nights @> v.night) AS trials
       FROM vacancies v WHERE v.unit_id = $1 GROUP BY v.night ORDER BY v.night`,
      [unitId],
    ) as Promise<{ night: string; free: number; held: number; offers: number; trials: number }[]>;
  }

  it('refuses a trial booking of the last bed held for an emergency, naming the night (409)', async () => {
    const unit = await sharedUnit();
    await setRange(t, misumi, unit.id, today(), inDays(3), 1);
    const req = await postRequest(t, coord, { nights: 1 });
    expect((await accept(req.id, unit.id)).status).toBe(201);

    const p = await person();
    const clash = await book(unit.id, p.id, today(), inDays(2));
    expect(clash.status).toBe(409);
    expect(clash.body.nights).toEqual([today()]);
    expect(clash.body.details[0]).toMatchObject({ field: 'from', code: 'no_bed_left' });
    const [y, m, d] = today().split('-').map(Number);
    expect(clash.body.message.ja).toContain(`${y}年${m}月${d}日`);

    // the calendar shows the held night as full before anyone tries
    const cal = await t.request('GET', `/api/trial-stays/calendar?month=${today().slice(0, 7)}&unitId=${unit.id}`, { token: coord });
    expect(cal.body.units[0].days.find((d: { date: string }) => d.date === today())?.status).toBe('full');

    // the nights after the held one still have their bed: the same person books them
    expect((await book(unit.id, p.id, inDays(1), inDays(3))).status).toBe(201);
    const rows = await ledger(unit.id);
    expect(rows.map((r) => [r.night, r.free, r.held, r.offers, r.trials])).toEqual([
      [today(), 1, 1, 1, 0],
      [inDays(1), 1, 1, 0, 1],
      [inDays(2), 1, 1, 0, 1],
      [inDays(3), 1, 0, 0, 0], // setRange's `to` is the last night
    ]);
  });

  it('refuses an emergency hold of the last bed a trial stay took, and gives the bed back when the stay is cancelled', async () => {
    const unit = await sharedUnit();
    await setRange(t, misumi, unit.id, today(), inDays(2), 1);
    const req = await postRequest(t, coord, { nights: 1 }); // matched while the bed was free
    const p = await person();
    const stay = await book(unit.id, p.id, today(), inDays(1));
    expect(stay.status).toBe(201);
    expect((await vacancies(t, misumi, unit.id)).nights.find((n) => n.night === today())).toMatchObject({ free: 1, held: 1 });

    const refused = await accept(req.id, unit.id);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('capacity_exceeded');

    // the provider cannot declare the night full under the trial guest either
    const { vacancyVersion } = await vacancies(t, misumi, unit.id);
    const lower = await t.request('PUT', `/api/units/${unit.id}/vacancies/range`, { token: misumi, body: { from: today(), to: today(), gender: 'any', free: 0, expectedVersion: vacancyVersion } });
    expect(lower.status).toBe(409);

    const cancelled = await t.request('POST', `/api/trial-stays/${stay.body.id}/cancel`, { token: coord, body: { reason: '本人の希望により' } });
    expect(cancelled.status).toBe(200);
    expect((await vacancies(t, misumi, unit.id)).nights.find((n) => n.night === today())).toMatchObject({ free: 1, held: 0 });
    expect((await accept(req.id, unit.id)).status).toBe(201);
    expect(await bookingViolations(t.db)).toEqual([]);
  });

  it('tells the unit’s boards live when a trial stay takes a bed and when it gives it back', async () => {
    const unit = await sharedUnit();
    await setRange(t, misumi, unit.id, inDays(2), inDays(3), 2);
    const socket = t.socket(misumi);
    await eventWhere(socket, 'session:ready', () => true);
    const p = await person();
    const taken = eventWhere<VacancyChangedEvent>(socket, 'vacancy:changed', (e) => e.unitId === unit.id && e.reason === 'hold');
    const stay = await book(unit.id, p.id, inDays(2), inDays(4));
    expect(stay.status).toBe(201);
    expect((await taken).nights.map((n) => [n.night, n.free, n.held])).toEqual([[inDays(2), 2, 1], [inDays(3), 2, 1]]);
    const given = eventWhere<VacancyChangedEvent>(socket, 'vacancy:changed', (e) => e.unitId === unit.id && e.reason === 'release');
    expect((await t.request('POST', `/api/trial-stays/${stay.body.id}/cancel`, { token: coord, body: { reason: '日程変更' } })).status).toBe(200);
    expect((await given).nights.map((n) => [n.night, n.free, n.held])).toEqual([[inDays(2), 2, 0], [inDays(3), 2, 0]]);
  });

  it('takes a bed on nights the board says nothing about, and leaves the board as it was when the stay ends', async () => {
    const unit = await sharedUnit({ capacity: 3 });
    const p = await person();
    const stay = await book(unit.id, p.id, inDays(5), inDays(7));
    expect(stay.status).toBe(201);
    expect((await ledger(unit.id)).map((r) => [r.night, r.free, r.held])).toEqual([[inDays(5), 1, 1], [inDays(6), 1, 1]]);
    // an emergency for that night finds nothing to hold: matched nowhere on this unit
    const req = await postRequest(t, coord, { from: inDays(5), nights: 1 });
    const [recipient] = await t.db.query(`SELECT unit_ids::text[] AS ids FROM request_recipients WHERE request_id = $1 AND $2 = ANY(unit_ids)`, [req.id, unit.id]);
    expect(recipient).toBeUndefined();
    const declined = await t.request('POST', `/api/trial-stays/${stay.body.id}/decline`, { token: misumi, body: { reason: '職員体制のため' } });
    expect(declined.status).toBe(200);
    expect(await ledger(unit.id)).toEqual([]);
  });

  it('never lets holds + placements + trial bookings exceed the free beds of a night under a concurrent mix', async () => {
    const unit = await sharedUnit({ capacity: 4 });
    await setRange(t, misumi, unit.id, today(), inDays(4), 2);
    const requests = await Promise.all(Array.from({ length: 12 }, (_, i) => postRequest(t, coord, { from: inDays(i % 3), nights: 1 + (i % 2) })));
    const persons = await Promise.all(Array.from({ length: 12 }, () => person()));
    const ops: (() => Promise<HttpResult>)[] = [
      ...requests.map((r) => () => accept(r.id, unit.id)),
      ...persons.map((p, i) => () => book(unit.id, p.id, inDays(i % 4), inDays((i % 4) + 1 + (i % 2)))),
    ].sort(() => Math.random() - 0.5);
    const results = await Promise.all(ops.map((op) => op()));
    expect(results.filter((r) => ![201, 409].includes(r.status)).map((r) => [r.status, r.body])).toEqual([]);
    expect(results.filter((r) => r.status === 409).length).toBeGreaterThan(0);
    for (const r of await ledger(unit.id)) {
      expect(r.offers + r.trials).toBe(r.held);
      expect(r.held).toBeLessThanOrEqual(r.free);
    }
    expect(await bookingViolations(t.db)).toEqual([]);
  });
});
