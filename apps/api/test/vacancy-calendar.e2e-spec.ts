import type { CalendarMark, CreateUnitRequest, VacancyCalendar, VacancyCalendarWire } from '@akiwa/contracts';
import { decodeCalendarCells } from '@akiwa/domain';
import { CALENDAR_CASES } from '../../../libs/domain/src/vacancy/calendar.cases';
import { DEMO, startTestApp, type TestApp } from './support/test-app';
import { createUnit, inDays, setRange, today } from './support/units';

/**
 * The day-by-day calendar (GET /api/vacancies/calendar): units down, nights across, filtered like the
 * board, one SQL statement for the page. Its marks are libs/domain `calendarCells`; the table of
 * calendar.cases.ts is run here through the database and the API as well.
 */
describe('vacancy calendar', () => {
  let t: TestApp;
  let staff: string;
  let coordinator: string;
  let officer: string;

  beforeAll(async () => {
    t = await startTestApp({ LOG_LEVEL: process.env.DEBUG_LOG ?? 'silent' });
    staff = (await t.login(DEMO.providerStaff)).accessToken;
    coordinator = (await t.login(DEMO.coordinator)).accessToken;
    officer = (await t.login(DEMO.officer)).accessToken;
    // only this file's units take part
    await t.db.query(`UPDATE units SET retired_at = now()`);
  });
  afterAll(() => t.close());

  async function calendar(query: Record<string, string>, token = coordinator): Promise<VacancyCalendar> {
    const r = await t.request('GET', `/api/vacancies/calendar?${new URLSearchParams({ limit: '500', ...query })}`, { token });
    if (r.status !== 200) throw new Error(`calendar failed: ${r.status} ${JSON.stringify(r.body)}`);
    const wire: VacancyCalendarWire = r.body;
    return { ...wire, items: wire.items.map(({ marks, freshness, available, ...row }) => ({ ...row, cells: decodeCalendarCells({ marks, freshness, available }, wire.nights) })) };
  }
  const marksOf = (c: VacancyCalendar, unitId: string) => c.items.find((i) => i.unit.id === unitId)?.cells.map((x) => x.mark);

  it('shows ○ / △ / × / ? across providers, night by night, nearest first', async () => {
    const free = await createUnit(t, staff, { municipalityCode: '43213', capacity: 4 });
    await setRange(t, staff, free.id, today(), inDays(2), 3);
    const few = await createUnit(t, staff, { municipalityCode: '43213', capacity: 4 });
    await setRange(t, staff, few.id, today(), inDays(1), 1);
    await setRange(t, staff, few.id, inDays(2), inDays(2), 0);
    const none = await createUnit(t, staff, { municipalityCode: '43211', capacity: 4 });

    const c = await calendar({ municipalityCode: '43213', prefectureCode: '43', from: today(), days: '3' });
    expect(c.nights).toEqual([today(), inDays(1), inDays(2)]);
    expect(marksOf(c, free.id)).toEqual<CalendarMark[]>(['free', 'free', 'free']);
    expect(marksOf(c, few.id)).toEqual<CalendarMark[]>(['few', 'few', 'full']);
    expect(marksOf(c, none.id)).toEqual<CalendarMark[]>(['unknown', 'unknown', 'unknown']);
    const row = c.items.find((i) => i.unit.id === free.id)!;
    expect(row).toMatchObject({ distance: 0, pausedThrough: null, unit: { organisationName: '短期入所事業所 うきさと', capacity: 4 } });
    expect(row.cells[0]).toEqual({ night: today(), mark: 'free', available: 3, freshness: 'fresh' });
    // as sent: a letter per night for the mark and the freshness, the counts in an array (no cell objects)
    const sent = (await t.request('GET', `/api/vacancies/calendar?${new URLSearchParams({ municipalityCode: '43213', from: today(), days: '3' })}`, { token: coordinator })).body;
    expect(sent.items.find((i: { unit: { id: string } }) => i.unit.id === few.id)).toMatchObject({ marks: 'aax', freshness: 'fff', available: [1, 1, 0] });
    expect(sent.items[0]).not.toHaveProperty('cells');
    // Uki City's units (distance 0) before the rest of the prefecture
    expect(c.items.findIndex((i) => i.unit.id === none.id)).toBeGreaterThan(c.items.findIndex((i) => i.unit.id === free.id));
  });

  it('shows 停 from tonight through the last night an admissions pause reaches, read from units.admissions_paused_until', async () => {
    const u = await createUnit(t, staff, { municipalityCode: '43213' });
    await setRange(t, staff, u.id, today(), inDays(4), 3);
    // until 12:00 JST on the day after tomorrow's night began: tonight, tomorrow and the night after
    const until = new Date(Date.parse(`${inDays(3)}T03:00:00Z`));
    await t.db.query(`UPDATE units SET admissions_paused_until = $2 WHERE id = $1`, [u.id, until]);
    const c = await calendar({ municipalityCode: '43213', from: today(), days: '5' });
    const row = c.items.find((i) => i.unit.id === u.id)!;
    expect(row.pausedThrough).toBe(inDays(3));
    expect(row.cells.map((x) => x.mark)).toEqual<CalendarMark[]>(['paused', 'paused', 'paused', 'paused', 'free']);
    await t.db.query(`UPDATE units SET admissions_paused_until = now() - interval '1 minute' WHERE id = $1`, [u.id]);
    expect(marksOf(await calendar({ municipalityCode: '43213', from: today(), days: '5' }), u.id)).toEqual(Array(5).fill('free'));
  });

  it('a page kept between requests never hides a change: units edited, paused, retired, added, organisations renamed, vacancies written', async () => {
    // the API keeps a page of units between requests while calendar_units_version (raised by the database) stays the same
    const q = { municipalityCode: '43202', from: today(), days: '3' };
    const a = await createUnit(t, staff, { municipalityCode: '43202', capacity: 4 });
    const b = await createUnit(t, staff, { municipalityCode: '43202', capacity: 4 });
    await setRange(t, staff, a.id, today(), inDays(2), 3);
    const unitOf = async (id: string) => (await calendar(q)).items.find((i) => i.unit.id === id);
    expect((await unitOf(a.id))!.unit.name).toBe(a.name);
    expect(marksOf(await calendar(q), b.id)).toEqual(['unknown', 'unknown', 'unknown']);
    // a vacancy write is read fresh from the rows
    await setRange(t, staff, b.id, today(), inDays(2), 1);
    expect(marksOf(await calendar(q), b.id)).toEqual(['few', 'few', 'few']);
    // edits through the API
    const edited = await t.request('PATCH', `/api/units/${a.id}`, { token: staff, body: { version: a.version, name: `${a.name} 改`, capacity: 15 } });
    expect(edited.status).toBe(200);
    expect((await unitOf(a.id))!.unit).toMatchObject({ name: `${a.name} 改`, capacity: 15 });
    // 3 beds of 15 are few
    expect(marksOf(await calendar(q), a.id)).toEqual(['few', 'few', 'few']);
    expect((await t.request('PUT', `/api/units/${a.id}/admissions`, { token: staff, body: { pausedUntil: `${inDays(1)}T03:00:00Z`, pauseReason: '改修', nightAdmission: true } })).status).toBe(200);
    expect(marksOf(await calendar(q), a.id)).toEqual(['paused', 'paused', 'few']);
    // and straight in the database: an organisation renamed, a unit moved away
    await t.db.query(`UPDATE organisations SET name = name || ' 新' WHERE id = $1`, [a.organisationId]);
    try {
      expect((await unitOf(b.id))!.unit.organisationName).toMatch(/ 新$/);
    } finally {
      await t.db.query(`UPDATE organisations SET name = left(name, -2) WHERE id = $1`, [a.organisationId]);
    }
    await t.db.query(`UPDATE units SET municipality_code = '43211' WHERE id = $1`, [b.id]);
    expect(await unitOf(b.id)).toBeUndefined();
    const c = await createUnit(t, staff, { municipalityCode: '43202' });
    expect((await calendar(q)).total).toBe(2);
    expect((await t.request('POST', `/api/units/${c.id}/retire`, { token: staff })).status).toBe(200);
    expect((await calendar(q)).items.map((i) => i.unit.id)).toEqual([a.id]);
  });

  it('is filtered like the board: area, acceptance filters, retired units', async () => {
    const base: Partial<CreateUnitRequest> = { municipalityCode: '43211', categories: ['physical'], emergencyOk: true, roomGender: 'either' };
    const yes = await createUnit(t, staff, base);
    const noEmergency = await createUnit(t, staff, { ...base, emergencyOk: false });
    const wrongCategory = await createUnit(t, staff, { ...base, categories: ['psychiatric'] });
    const maleOnly = await createUnit(t, staff, { ...base, roomGender: 'male' });
    const elsewhere = await createUnit(t, staff, { ...base, municipalityCode: '12232' });
    const ids = (c: VacancyCalendar) => c.items.map((i) => i.unit.id);

    const filtered = await calendar({ municipalityCode: '43211', from: today(), category: 'physical', emergencyOk: 'true', gender: 'female' });
    expect(ids(filtered)).toContain(yes.id);
    for (const u of [noEmergency, wrongCategory, maleOnly, elsewhere]) expect(ids(filtered)).not.toContain(u.id);
    expect(ids(await calendar({ municipalityCode: '43211', from: today() }))).toEqual(expect.arrayContaining([noEmergency.id, wrongCategory.id, maleOnly.id]));
    expect(ids(await calendar({ prefectureCode: '43', from: today() }))).not.toContain(elsewhere.id);

    await t.db.query(`UPDATE units SET retired_at = now() WHERE id = $1`, [yes.id]);
    expect(ids(await calendar({ municipalityCode: '43211', from: today() }))).not.toContain(yes.id);
  });

  it('pages the units and always gives the total', async () => {
    const all = await calendar({ prefectureCode: '43', from: today() });
    expect(all.total).toBe(all.items.length);
    const page = await calendar({ prefectureCode: '43', from: today(), limit: '2', offset: '1' });
    expect(page.items.map((i) => i.unit.id)).toEqual(all.items.slice(1, 3).map((i) => i.unit.id));
    expect(page.total).toBe(all.total);
    const past = await calendar({ prefectureCode: '43', from: today(), limit: '2', offset: String(all.total + 5) });
    expect(past).toMatchObject({ items: [], total: all.total });
  });

  it('pages through several municipalities with a filter: the pages put together are the whole, nearest first', async () => {
    // each municipality is read in name order up to offset + limit units (units_calendar_order_idx):
    // pages beyond the first must still reach every unit of a municipality that has more than a page
    for (const code of ['43213', '43213', '43213', '43211', '43211', '43211', '43211']) await createUnit(t, staff, { municipalityCode: code, categories: ['intellectual'] });
    const query = { municipalityCode: '43213', prefectureCode: '43', from: today(), days: '1', category: 'intellectual' };
    const all = await calendar(query);
    expect(all.total).toBe(all.items.length);
    expect(all.total).toBeGreaterThanOrEqual(7);
    const distances = all.items.map((i) => i.distance);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    const pages: string[] = [];
    for (let offset = 0; offset < all.total; offset += 2) {
      const page = await calendar({ ...query, limit: '2', offset: String(offset) });
      expect(page.total).toBe(all.total);
      pages.push(...page.items.map((i) => i.unit.id));
    }
    expect(pages).toEqual(all.items.map((i) => i.unit.id));
  });

  it('every role reads it, like the board; nobody without a session', async () => {
    for (const token of [staff, officer, coordinator]) expect((await calendar({ prefectureCode: '43', from: today() }, token)).from).toBe(today());
    const anonymous = await t.request('GET', `/api/vacancies/calendar?prefectureCode=43&from=${today()}`);
    expect(anonymous.status).toBe(401);
  });

  it('refuses bad input with 400 naming the field in Japanese', async () => {
    const bad = async (query: string) => {
      const r = await t.request('GET', `/api/vacancies/calendar?${query}`, { token: coordinator });
      expect(r.status).toBe(400);
      return r.body.details[0] as { field: string; message: { ja: string } };
    };
    expect(await bad(`prefectureCode=43&from=${today()}&days=32`)).toMatchObject({ field: 'days', message: { ja: expect.stringContaining('「表示日数」') } });
    expect(await bad(`prefectureCode=43&from=${inDays(-1)}`)).toMatchObject({ field: 'from', message: { ja: '「開始日」に過去の日付は指定できません' } });
    expect(await bad(`from=${today()}`)).toMatchObject({ field: 'municipalityCode' });
    expect(await bad(`prefectureCode=43&from=${today()}&limit=501`)).toMatchObject({ field: 'limit', message: { ja: expect.stringContaining('「表示件数」') } });
  });

  describe('the table of libs/domain calendar.cases.ts, through the database and the API', () => {
    const now = () => Date.now();
    it.each(CALENDAR_CASES.map((c) => [c.name, c] as const))('%s', async (_, c) => {
      const u = await createUnit(t, staff, { municipalityCode: '43213', capacity: c.capacity, roomGender: 'either' });
      for (const r of c.rows) {
        await t.db.query(
          `INSERT INTO vacancies(unit_id, night, gender, free, held, confirmed_at) VALUES ($1, $2, $3, $4, $5, $6)`,
          [u.id, inDays(r.night ?? 0), r.gender ?? 'any', r.free, r.held ?? 0, new Date(now() - (r.ageHours ?? 1) * 3_600_000)],
        );
      }
      if (c.pausedThroughOffset !== undefined && c.pausedThroughOffset !== null) {
        // a pause ending exactly at the 10:00 (JST) cutoff that ends the last paused night: still in the
        // future whatever the time of day (a 09:00 end had passed when the test ran between 09:00 and 10:00)
        await t.db.query(`UPDATE units SET admissions_paused_until = $2 WHERE id = $1`, [u.id, new Date(Date.parse(`${inDays(c.pausedThroughOffset + 1)}T01:00:00Z`))]);
      }
      const got = await calendar({ municipalityCode: '43213', from: today(), days: '1', ...(c.gender ? { gender: c.gender } : {}) });
      const cell = got.items.find((i) => i.unit.id === u.id)!.cells[0];
      expect({ mark: cell.mark, available: cell.available, freshness: cell.freshness }).toEqual(c.expected);
    });
  });
});
