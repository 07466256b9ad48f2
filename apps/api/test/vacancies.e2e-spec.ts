import { fieldLabel } from '@akiwa/contracts';
import type { UnitVacancies } from '@akiwa/contracts';
import { DEMO, startTestApp, type TestApp } from './support/test-app';
import { createUnit, inDays, setRange, today, vacancies } from './support/units';

describe('vacancies', () => {
  let t: TestApp;
  let staff: string;
  let otherStaff: string;
  let coordinator: string;

  beforeAll(async () => {
    t = await startTestApp();
    staff = (await t.login(DEMO.providerStaff)).accessToken;
    otherStaff = (await t.login(DEMO.otherProviderStaff)).accessToken;
    coordinator = (await t.login(DEMO.coordinator)).accessToken;
  });
  afterAll(() => t.close());

  const put = (token: string, unitId: string, body: object) => t.request('PUT', `/api/units/${unitId}/vacancies/range`, { token, body });
  const adjust = (token: string, unitId: string, body: object) => t.request('POST', `/api/units/${unitId}/vacancies/adjust`, { token, body });

  it('starts with no rows: every night unknown, version 1', async () => {
    const u = await createUnit(t, staff);
    const v = await vacancies(t, staff, u.id);
    expect(v).toEqual({ unitId: u.id, vacancyVersion: 1, confirmedAt: null, freshness: 'unknown', nights: [] });
  });

  it('sets a range of nights, confirmed now, and bumps the version', async () => {
    const u = await createUnit(t, staff, { capacity: 4 });
    const r = await put(staff, u.id, { from: today(), to: inDays(5), gender: 'any', free: 2, expectedVersion: 1 });
    expect(r.status).toBe(200);
    const v: UnitVacancies = r.body;
    expect(v.vacancyVersion).toBe(2);
    expect(v.freshness).toBe('fresh');
    expect(v.nights.map((n) => n.night)).toEqual([0, 1, 2, 3, 4, 5].map(inDays));
    expect(v.nights.every((n) => n.free === 2 && n.held === 0 && n.gender === 'any')).toBe(true);
    expect(Date.now() - Date.parse(v.nights[0].confirmedAt)).toBeLessThan(60_000);
    // the coordinator sees the same
    expect((await vacancies(t, coordinator, u.id)).nights).toHaveLength(6);
  });

  it.each([
    ['negative beds', { free: -1 }, 'free'],
    ['beds above capacity', { free: 5 }, 'free'],
    ['reversed dates', { from: inDays(3), to: inDays(1) }, 'to'],
    ['more than 90 nights', { to: inDays(90) }, 'to'],
    ['a past night', { from: inDays(-1) }, 'from'],
    ['an impossible date', { to: '2026-02-30' }, 'to'],
    ['an unknown gender', { gender: 'other' }, 'gender'],
    ['a missing version', { expectedVersion: undefined }, 'expectedVersion'],
  ])('refuses %s with 400 naming the field', async (_name, overrides, field) => {
    const u = await createUnit(t, staff, { capacity: 4 });
    const r = await put(staff, u.id, { from: today(), to: inDays(2), gender: 'any', free: 1, expectedVersion: 1, ...overrides });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('validation_failed');
    expect(r.body.details[0].field).toBe(field);
    // the person reads the field's Japanese label (「空床数」, not 「free」)
    expect(r.body.details[0].message.ja).toContain(`「${fieldLabel(field).ja}」`);
    expect((await vacancies(t, staff, u.id)).nights).toEqual([]);
  });

  it('counts the other genders of a night against the capacity', async () => {
    const u = await createUnit(t, staff, { capacity: 3 });
    await setRange(t, staff, u.id, today(), inDays(1), 2, 'male');
    const r = await put(staff, u.id, { from: today(), to: inDays(1), gender: 'female', free: 2, expectedVersion: 2 });
    expect(r.status).toBe(400);
    expect(r.body.details[0]).toMatchObject({ field: 'free', code: 'above_capacity' });
    expect((await put(staff, u.id, { from: today(), to: inDays(1), gender: 'female', free: 1, expectedVersion: 2 })).status).toBe(200);
  });

  it('refuses a gender the rooms cannot take', async () => {
    const u = await createUnit(t, staff, { roomGender: 'male' });
    const r = await put(staff, u.id, { from: today(), to: today(), gender: 'female', free: 1, expectedVersion: 1 });
    expect(r.status).toBe(400);
    expect(r.body.details[0].field).toBe('gender');
  });

  it('answers a stale version with 409 version_conflict and the current vacancies', async () => {
    const u = await createUnit(t, staff);
    await setRange(t, staff, u.id, today(), inDays(1), 2);
    const r = await put(staff, u.id, { from: today(), to: today(), gender: 'any', free: 1, expectedVersion: 1 });
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('version_conflict');
    expect(r.body.current).toMatchObject({ unitId: u.id, vacancyVersion: 2 });
    expect(r.body.current.nights.map((n: { free: number }) => n.free)).toEqual([2, 2]);
  });

  it('lets exactly one of concurrent writes with the same expected version succeed', async () => {
    const u = await createUnit(t, staff, { capacity: 10 });
    const writes = [1, 2, 3, 4, 5, 6].map((free) => put(staff, u.id, { from: today(), to: inDays(3), gender: 'any', free, expectedVersion: 1 }));
    const results = await Promise.all(writes);
    const ok = results.filter((r) => r.status === 200);
    expect(ok).toHaveLength(1);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'version_conflict')).toBe(true);
    const winner = ok[0].body.nights[0].free;
    const v = await vacancies(t, staff, u.id);
    expect(v.vacancyVersion).toBe(2);
    expect(v.nights.every((n) => n.free === winner)).toBe(true);
  });

  it('adjusts tonight by +/−, starting an unknown night at 0', async () => {
    const u = await createUnit(t, staff, { capacity: 2 });
    let r = await adjust(staff, u.id, { night: today(), gender: 'any', delta: 1, expectedVersion: 1 });
    expect(r.status).toBe(200);
    expect(r.body.nights).toEqual([expect.objectContaining({ night: today(), free: 1 })]);
    r = await adjust(staff, u.id, { night: today(), gender: 'any', delta: 1, expectedVersion: 2 });
    expect(r.body.nights[0].free).toBe(2);

    const above = await adjust(staff, u.id, { night: today(), gender: 'any', delta: 1, expectedVersion: 3 });
    expect(above.status).toBe(400);
    expect(above.body.details[0]).toMatchObject({ field: 'delta', code: 'above_capacity' });
    const below = await adjust(staff, u.id, { night: today(), gender: 'any', delta: -3, expectedVersion: 3 });
    expect(below.status).toBe(400);
    expect(below.body.details[0]).toMatchObject({ field: 'delta', code: 'min' });
    expect((await adjust(staff, u.id, { night: today(), gender: 'any', delta: 0, expectedVersion: 3 })).body.details[0].field).toBe('delta');
    expect((await vacancies(t, staff, u.id)).nights[0].free).toBe(2);
  });

  it('never lets free beds drop below beds held for offers (409 naming the field)', async () => {
    const u = await createUnit(t, staff, { capacity: 3 });
    await setRange(t, staff, u.id, today(), inDays(1), 2);
    await t.db.query(`UPDATE vacancies SET held = 2 WHERE unit_id = $1 AND night = $2`, [u.id, today()]);
    const r = await adjust(staff, u.id, { night: today(), gender: 'any', delta: -1, expectedVersion: 2 });
    expect(r.status).toBe(409);
    expect(r.body.details[0]).toMatchObject({ field: 'delta', code: 'below_held' });
    const range = await put(staff, u.id, { from: today(), to: inDays(1), gender: 'any', free: 1, expectedVersion: 2 });
    expect(range.status).toBe(409);
    expect(range.body.details[0]).toMatchObject({ field: 'free', code: 'below_held' });
    // and the database itself refuses held > free
    await expect(t.db.query(`UPDATE vacancies SET held = 3 WHERE unit_id = $1 AND night = $2`, [u.id, today()])).rejects.toThrow(/vacancies_held_check/);
  });

  it('has the database refuse free beds above capacity and negative ones, whatever the service does', async () => {
    const u = await createUnit(t, staff, { capacity: 2 });
    await expect(t.db.query(`INSERT INTO vacancies(unit_id, night, gender, free) VALUES ($1, $2, 'any', 3)`, [u.id, today()])).rejects.toThrow(/capacity/);
    await expect(
      t.db.transaction(async (tx) => {
        await tx.query(`INSERT INTO vacancies(unit_id, night, gender, free) VALUES ($1, $2, 'male', 1)`, [u.id, today()]);
        await tx.query(`INSERT INTO vacancies(unit_id, night, gender, free) VALUES ($1, $2, 'female', 2)`, [u.id, today()]);
      }),
    ).rejects.toThrow(/capacity/);
    await expect(t.db.query(`INSERT INTO vacancies(unit_id, night, gender, free) VALUES ($1, $2, 'any', -1)`, [u.id, today()])).rejects.toThrow(/vacancies_free_check/);
  });

  it('re-confirms every row from tonight on without changing a figure', async () => {
    const u = await createUnit(t, staff);
    await setRange(t, staff, u.id, today(), inDays(2), 1);
    await t.db.query(`UPDATE vacancies SET confirmed_at = now() - interval '3 days' WHERE unit_id = $1`, [u.id]);
    expect((await vacancies(t, staff, u.id)).freshness).toBe('stale');
    const r = await t.request('POST', `/api/units/${u.id}/vacancies/confirm`, { token: staff, body: { expectedVersion: 2 } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ vacancyVersion: 3, freshness: 'fresh' });
    expect(r.body.nights.map((n: { free: number }) => n.free)).toEqual([1, 1, 1]);
    expect(Date.now() - Date.parse(r.body.confirmedAt)).toBeLessThan(60_000);
  });

  it('reports a stale board after 24 hours and unknown after 7 days', async () => {
    const u = await createUnit(t, staff);
    await setRange(t, staff, u.id, today(), inDays(1), 1);
    await t.db.query(`UPDATE vacancies SET confirmed_at = now() - interval '8 days' WHERE unit_id = $1 AND night = $2`, [u.id, inDays(1)]);
    const v = await vacancies(t, staff, u.id);
    expect(v.freshness).toBe('unknown');
  });

  it('lets only the owning provider write, with 403 for another provider and for coordinators', async () => {
    const u = await createUnit(t, staff);
    const body = { from: today(), to: today(), gender: 'any', free: 1, expectedVersion: 1 };
    const foreign = await put(otherStaff, u.id, body);
    expect(foreign.status).toBe(403);
    expect((await put(coordinator, u.id, body)).status).toBe(403);
    expect((await t.request('POST', `/api/units/${u.id}/vacancies/confirm`, { token: otherStaff, body: { expectedVersion: 1 } })).status).toBe(403);
    expect((await vacancies(t, staff, u.id)).vacancyVersion).toBe(1);
  });

  it('validates the read window and answers 404 for an unknown unit', async () => {
    const u = await createUnit(t, staff);
    const reversed = await t.request('GET', `/api/units/${u.id}/vacancies?from=${inDays(5)}&to=${inDays(1)}`, { token: staff });
    expect(reversed.status).toBe(400);
    expect(reversed.body.details[0].field).toBe('to');
    expect((await t.request('GET', `/api/units/00000000-0000-4000-8000-000000000000/vacancies`, { token: staff })).status).toBe(404);
  });
});
