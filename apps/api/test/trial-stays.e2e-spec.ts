import { randomUUID } from 'node:crypto';
import type { TrialCalendarView, TrialPersonSummary, TrialPersonView, TrialStayChangedEvent, TrialStayView, UnitView } from '@akiwa/contracts';
import { addDays, daysBetween, fiscalYearOf } from '@akiwa/domain';
import { PersonalDataCipher } from '../src/common/crypto/personal-data.cipher';
import { trialAad } from '../src/trial-stays/trial-personal-data';
import { DEMO, nextEvent, startTestApp, type TestApp, UNGATED } from './support/test-app';
import { createUnit, inDays, today } from './support/units';

const MISUMI_STAFF = 'staff@misumi-gh.example';

describe('trial stays (体験利用)', () => {
  let t: TestApp;
  let misumi: string; // provider staff of the group home
  let misumiOrg: string;
  let other: string; // provider staff of another provider
  let coord: string;
  let coordOrg: string;
  let coord2: string;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp(UNGATED);
    const m = await t.login(MISUMI_STAFF);
    misumi = m.accessToken;
    misumiOrg = m.user.organisation.id;
    other = (await t.login(DEMO.providerStaff)).accessToken;
    const c = await t.login(DEMO.coordinator);
    coord = c.accessToken;
    coordOrg = c.user.organisation.id;
    coord2 = (await t.login(DEMO.otherCoordinator)).accessToken;
    admin = (await t.login(DEMO.admin)).accessToken;
  });
  afterAll(() => t.close());

  /** A group-home room of みすみ, open for trial stays from today for `days` nights. */
  async function trialRoom(days = 365, overrides: Partial<UnitView> = {}): Promise<UnitView> {
    const u = await createUnit(t, misumi, { serviceType: 'group_home_care', trialOk: true, emergencyOk: false, categories: ['psychiatric'], roomGender: 'either', capacity: 1, ...overrides });
    const r = await t.request('PUT', `/api/trial-stays/units/${u.id}/offer`, {
      token: misumi,
      body: { houseRules: '門限20時', whatToBring: '着替え', openings: [{ from: today(), to: inDays(days) }] },
    });
    expect(r.status).toBe(200);
    return u;
  }

  async function person(token = coord, overrides: Record<string, unknown> = {}): Promise<TrialPersonView> {
    const r = await t.request('POST', '/api/trial-persons', {
      token,
      body: { displayName: `利用者${Math.random().toString(36).slice(2, 7)}`, ageBand: '30-49', gender: 'male', municipalityCode: '43213', categories: ['psychiatric'], supportLevel: 2, specialNeeds: [], ...overrides },
    });
    expect(r.status).toBe(201);
    return r.body;
  }

  const book = (unitId: string, personId: string, from: string, to: string, token = coord) =>
    t.request<TrialStayView>('POST', '/api/trial-stays', { token, body: { unitId, personId, from, to } });

  it('books, approves live for both organisations, and shows the nights as taken to everyone', async () => {
    const room = await trialRoom(60);
    const p = await person();
    const providerSocket = t.socket(misumi);
    const coordSocket = t.socket(coord);
    await Promise.all([nextEvent(providerSocket, 'session:ready'), nextEvent(coordSocket, 'session:ready')]);

    const found = await t.request('GET', `/api/trial-stays/search?municipalityCode=43213&from=${inDays(3)}&to=${inDays(8)}&gender=male&category=psychiatric`, { token: coord });
    expect(found.status).toBe(200);
    expect(found.body.items.map((h: { unitId: string }) => h.unitId)).toContain(room.id);

    const heard = nextEvent<TrialStayChangedEvent>(providerSocket, 'trial-stay:changed');
    const created = await book(room.id, p.id, inDays(3), inDays(8));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'requested', nights: 5, unitId: room.id, person: { id: p.id }, coordinatorOrganisationId: coordOrg, providerOrganisationId: misumiOrg });
    expect((await heard).stay.id).toBe(created.body.id);

    const approvedLive = nextEvent<TrialStayChangedEvent>(coordSocket, 'trial-stay:changed');
    const approved = await t.request('POST', `/api/trial-stays/${created.body.id}/approve`, { token: misumi });
    expect(approved.status).toBe(200);
    expect((await approvedLive).stay).toMatchObject({ id: created.body.id, status: 'approved' });

    const after = await t.request('GET', `/api/trial-stays/search?municipalityCode=43213&from=${inDays(5)}&to=${inDays(6)}`, { token: coord2 });
    expect(after.body.items.map((h: { unitId: string }) => h.unitId)).not.toContain(room.id);
    const month = inDays(3).slice(0, 7);
    const cal = await t.request<TrialCalendarView>('GET', `/api/trial-stays/calendar?month=${month}&unitId=${room.id}`, { token: coord2 });
    expect(cal.status).toBe(200);
    expect(cal.body.units[0].days.find((d) => d.date === inDays(3))?.status).toBe('booked');
    expect(JSON.stringify(cal.body)).not.toContain(p.displayName);

    // the other coordinator's overlapping request is refused with the clear message
    const p2 = await person(coord2);
    const clash = await book(room.id, p2.id, inDays(7), inDays(9), coord2);
    expect(clash.status).toBe(409);
    expect(clash.body.message.ja).toBe('この期間はすでに予約が入っています');

    // cancelling (with the reason) opens the nights again
    const cancelled = await t.request('POST', `/api/trial-stays/${created.body.id}/cancel`, { token: coord, body: { reason: '本人の体調不良のため' } });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', reason: '本人の体調不良のため', cancelledBy: 'coordinator' });
    expect((await book(room.id, p2.id, inDays(7), inDays(9), coord2)).status).toBe(201);
  });

  it('never lets approved (or pending) stays of one room overlap under 100 concurrent requests', async () => {
    const room = await trialRoom(40);
    const persons = await Promise.all(Array.from({ length: 100 }, () => person()));
    const results = await Promise.all(
      persons.map((p, i) => {
        const start = (i * 7) % 20;
        return book(room.id, p.id, inDays(1 + start), inDays(1 + start + 1 + (i % 5)));
      }),
    );
    expect(results.every((r) => r.status === 201 || r.status === 409)).toBe(true);
    const won = results.filter((r) => r.status === 201);
    expect(won.length).toBeGreaterThan(0);
    await Promise.all(won.map((r) => t.request('POST', `/api/trial-stays/${r.body.id}/approve`, { token: misumi })));
    const rows: { from: string; to: string }[] = await t.db.query(
      `SELECT lower(nights)::text AS "from", upper(nights)::text AS "to" FROM trial_stays WHERE unit_id = $1 AND status IN ('requested','approved') ORDER BY lower(nights)`,
      [room.id],
    );
    expect(rows.length).toBe(won.length);
    for (let i = 1; i < rows.length; i++) expect(rows[i].from >= rows[i - 1].to).toBe(true);
    const [{ overlaps }] = await t.db.query(
      `SELECT count(*)::int AS overlaps FROM trial_stays a JOIN trial_stays b ON a.unit_id = b.unit_id AND a.id < b.id AND a.nights && b.nights
       WHERE a.unit_id = $1 AND a.status = 'approved' AND b.status = 'approved'`,
      [room.id],
    );
    expect(overlaps).toBe(0);
  });

  it('holds the 50-nights-per-fiscal-year limit under 20 concurrent 5-night requests for one person across rooms', async () => {
    const rooms = await Promise.all([0, 1, 2, 3].map(() => trialRoom(365)));
    const p = await person();
    // 20 disjoint 5-night stays inside one fiscal year, a night at home between them (back to back they
    // would be one run of consecutive nights)
    let start = inDays(1);
    const nextApril = `${fiscalYearOf(start) + 1}-04-01`;
    if (daysBetween(start, nextApril) < 130) start = nextApril;
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => book(rooms[i % 4].id, p.id, addDays(start, i * 6), addDays(start, i * 6 + 5))));
    const ok = results.filter((r) => r.status === 201);
    const refused = results.filter((r) => r.status === 422);
    expect(ok.length + refused.length).toBe(20);
    expect(ok.length).toBe(10);
    expect(refused[0].body).toMatchObject({ code: 'policy_limit' });
    expect(refused[0].body.message.ja).toContain('残りは0泊です');
    const [{ used }] = await t.db.query(
      `SELECT sum(upper(nights) - lower(nights))::int AS used FROM trial_stays WHERE person_id = $1 AND status IN ('requested','approved')`,
      [p.id],
    );
    expect(used).toBe(50);
  });

  it('counts nights per fiscal year across March 31 / April 1', async () => {
    const room = await trialRoom(365);
    const p = await person();
    // the first April 1 with three nights before it still ahead of us
    let boundary = `${fiscalYearOf(today()) + 1}-04-01`;
    if (addDays(boundary, -3) < today()) boundary = `${fiscalYearOf(today()) + 2}-04-01`;
    // 48 nights already used earlier in the year ending at the boundary (set up directly)
    const earlier = randomUUID();
    await t.db.query(
      `INSERT INTO trial_stays(id, unit_id, provider_organisation_id, person_id, coordinator_organisation_id, nights, status, note_encrypted)
       VALUES ($1, $2, $3, $4, $5, daterange($6::date, $7::date), 'approved', $8)`,
      [earlier, room.id, misumiOrg, p.id, coordOrg, addDays(boundary, -60), addDays(boundary, -12), t.app.get(PersonalDataCipher).encrypt('', trialAad.stayNote(earlier))],
    );
    const tooMany = await book(room.id, p.id, addDays(boundary, -3), addDays(boundary, 2)); // 3 nights in the old year
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.message.ja).toContain('残りは2泊です');
    expect(tooMany.body).toMatchObject({ remaining: 2, fiscalYear: fiscalYearOf(addDays(boundary, -1)) });
    const fits = await book(room.id, p.id, addDays(boundary, -2), addDays(boundary, 3)); // 2 old + 3 new
    expect(fits.status).toBe(201);
    const oldYear = await t.request<TrialPersonSummary>('GET', `/api/trial-persons/${p.id}/summary?fiscalYear=${fiscalYearOf(addDays(boundary, -1))}`, { token: coord });
    const newYear = await t.request<TrialPersonSummary>('GET', `/api/trial-persons/${p.id}/summary?fiscalYear=${fiscalYearOf(boundary)}`, { token: coord });
    expect([oldYear.body.used, oldYear.body.remaining, newYear.body.used, newYear.body.remaining]).toEqual([50, 0, 3, 47]);
    expect(newYear.body.fiscalYearLabel).toMatch(/^令和\d+年度$/);
  });

  it('refuses a 31-night stay naming the 30-night limit, and applies a municipality’s own limits', async () => {
    const room = await trialRoom(365);
    const p = await person();
    const r = await book(room.id, p.id, inDays(2), inDays(33));
    expect(r.status).toBe(422);
    expect(r.body.code).toBe('policy_limit');
    expect(r.body.message.ja).toBe('1回の体験利用は連続30泊までです（31泊を指定）');
    expect(r.body.details[0]).toMatchObject({ field: 'to', code: 'max_consecutive_nights' });
    expect((await book(room.id, p.id, inDays(2), inDays(32))).status).toBe(201);

    expect((await t.request('PUT', '/api/trial-stay-policies/43211', { token: coord, body: { maxConsecutiveNights: 7, maxNightsPerFiscalYear: 20 } })).status).toBe(403);
    expect((await t.request('PUT', '/api/trial-stay-policies/43211', { token: admin, body: { maxConsecutiveNights: 7, maxNightsPerFiscalYear: 20 } })).status).toBe(200);
    const uto = await person(coord, { municipalityCode: '43211' });
    const limited = await book(room.id, uto.id, inDays(40), inDays(48));
    expect(limited.body.message.ja).toBe('1回の体験利用は連続7泊までです（8泊を指定）');
  });

  it('counts consecutive nights across back-to-back stays of the person: 30 + an adjoining night is refused', async () => {
    const [roomA, roomB] = await Promise.all([trialRoom(120), trialRoom(120)]);
    const p = await person();
    expect((await book(roomA.id, p.id, inDays(10), inDays(40))).status).toBe(201); // 30 nights
    const after = await book(roomB.id, p.id, inDays(40), inDays(41)); // the 31st night in a row, in another home
    expect(after.status).toBe(422);
    expect(after.body).toMatchObject({ code: 'policy_limit', consecutive: 31, run: { from: inDays(10), to: inDays(41) } });
    expect(after.body.details[0]).toMatchObject({ field: 'to', code: 'max_consecutive_nights' });
    expect(after.body.message.ja).toContain('前後の体験利用と合わせると');
    expect(after.body.message.ja).toContain('連続31泊');
    expect((await book(roomB.id, p.id, inDays(9), inDays(10))).status).toBe(422); // the night before joins the run too
    expect((await book(roomB.id, p.id, inDays(41), inDays(42))).status).toBe(201); // a night at home in between breaks it
  });

  it('refuses a policy whose consecutive limit is above its yearly limit, naming the field', async () => {
    const r = await t.request('PUT', '/api/trial-stay-policies/43211', { token: admin, body: { maxConsecutiveNights: 40, maxNightsPerFiscalYear: 30 } });
    expect(r.status).toBe(400);
    expect(r.body.details[0]).toMatchObject({ field: 'maxConsecutiveNights', code: 'consecutive_above_yearly' });
    expect(r.body.details[0].message.ja).toContain('連続利用の上限');
    expect((await t.request('PUT', '/api/trial-stay-policies/43211', { token: admin, body: { maxConsecutiveNights: 30, maxNightsPerFiscalYear: 30 } })).status).toBe(200);
  });

  it('lets only the owning home decide: another provider gets 403, a coordinator cannot approve', async () => {
    const room = await trialRoom(30);
    const p = await person();
    const s = await book(room.id, p.id, inDays(1), inDays(3));
    expect((await t.request('POST', `/api/trial-stays/${s.body.id}/approve`, { token: other })).status).toBe(403);
    expect((await t.request('POST', `/api/trial-stays/${s.body.id}/decline`, { token: other, body: { reason: 'x' } })).status).toBe(403);
    expect((await t.request('POST', `/api/trial-stays/${s.body.id}/approve`, { token: coord })).status).toBe(403);
    expect((await t.request('GET', `/api/trial-stays/${s.body.id}`, { token: coord2 })).status).toBe(404);
    const noReason = await t.request('POST', `/api/trial-stays/${s.body.id}/decline`, { token: misumi, body: {} });
    expect(noReason.status).toBe(400);
    expect(noReason.body.details[0].field).toBe('reason');
    const declined = await t.request('POST', `/api/trial-stays/${s.body.id}/decline`, { token: misumi, body: { reason: '職員体制が整わないため' } });
    expect(declined.body).toMatchObject({ status: 'declined', reason: '職員体制が整わないため' });
    expect((await t.request('POST', `/api/trial-stays/${s.body.id}/approve`, { token: misumi })).status).toBe(409);
  });

  it('answers malformed dates and ids with 400 naming the field', async () => {
    const room = await trialRoom(30);
    const p = await person();
    const bad = await book(room.id, p.id, '2026-02-30', inDays(3));
    expect(bad.status).toBe(400);
    expect(bad.body.details[0]).toMatchObject({ field: 'from', code: 'isDateString' });
    const bad2 = await book(room.id, p.id, inDays(1), 'tomorrow');
    expect(bad2.body.details[0].field).toBe('to');
    const reversed = await book(room.id, p.id, inDays(5), inDays(3));
    expect(reversed.status).toBe(400);
    expect(reversed.body.details[0].field).toBe('to');
    const past = await book(room.id, p.id, addDays(today(), -2), inDays(2));
    expect(past.body.details[0].field).toBe('from');
    const month = await t.request('GET', `/api/trial-stays/calendar?month=2026-13&unitId=${room.id}`, { token: coord });
    expect(month.body.details[0].field).toBe('month');
    expect((await t.request('POST', '/api/trial-stays/not-a-uuid/approve', { token: misumi })).body.details[0].field).toBe('id');
    const closed = await book(room.id, p.id, inDays(29), inDays(32));
    expect(closed.status).toBe(409);
    expect(closed.body.message.ja).toBe('この期間は体験利用の受付期間外です');
  });

  it('keeps persons scoped to their organisation', async () => {
    const room = await trialRoom(30);
    const mine = await person(coord);
    expect((await book(room.id, mine.id, inDays(1), inDays(2), coord2)).status).toBe(404);
    const list = await t.request<TrialPersonView[]>('GET', '/api/trial-persons', { token: coord2 });
    expect(list.body.map((x) => x.id)).not.toContain(mine.id);
  });

  it('marks holidays in the calendar and offers 見学 slots of capacity one', async () => {
    const room = await trialRoom(60);
    const cal = await t.request<TrialCalendarView>('GET', `/api/trial-stays/calendar?month=2026-11&organisationId=${misumiOrg}`, { token: coord });
    expect(cal.body.holidays).toEqual([{ date: '2026-11-03', name: '文化の日' }, { date: '2026-11-23', name: '勤労感謝の日' }]);
    expect(cal.body.units.map((u) => u.unitId)).toContain(room.id);
    const startsAt = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const slot = await t.request('POST', `/api/trial-stays/units/${room.id}/visit-slots`, { token: misumi, body: { startsAt } });
    expect(slot.status).toBe(201);
    const [a, b] = await Promise.all([person(), person()]);
    const first = await t.request('POST', '/api/trial-stays', { token: coord, body: { unitId: room.id, personId: a.id, from: inDays(10), to: inDays(12), visitSlotId: slot.body.id } });
    expect(first.status).toBe(201);
    expect(first.body.visitAt).toBe(startsAt);
    const second = await t.request('POST', '/api/trial-stays', { token: coord, body: { unitId: room.id, personId: b.id, from: inDays(20), to: inDays(22), visitSlotId: slot.body.id } });
    expect(second.status).toBe(409);
    expect(second.body.details[0].field).toBe('visitSlotId');
  });

  it('keeps waiting lists: names for the home, de-identified for other providers, and prompts when beds are free', async () => {
    const own = await t.request('GET', '/api/waiting-list', { token: misumi });
    expect(own.body.length).toBeGreaterThanOrEqual(2);
    expect(own.body[0]).toMatchObject({ identified: true, displayName: expect.any(String) });
    const seen = await t.request('GET', `/api/waiting-list?organisationId=${misumiOrg}`, { token: other });
    expect(seen.body[0]).toMatchObject({ identified: false, displayName: null, notes: null });
    const p = await person();
    const added = await t.request('POST', '/api/waiting-list', { token: coord, body: { organisationId: misumiOrg, personId: p.id, roomGender: 'male', waitingSince: today() } });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ displayName: p.displayName, coordinatorOrganisationId: coordOrg, identified: true });
    const prompts = await t.request('GET', '/api/waiting-list/prompts', { token: misumi });
    expect(prompts.status).toBe(200);
    expect(prompts.body[0]).toMatchObject({ unitName: 'グループホーム みすみ 1号棟', waiting: 3 });
    expect((await t.request('DELETE', `/api/waiting-list/${added.body.id}`, { token: coord })).status).toBe(204);
  });
});
