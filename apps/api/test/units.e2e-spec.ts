import { DEMO, startTestApp, type TestApp } from './support/test-app';
import { createUnit, inDays, setRange, today, unitBody } from './support/units';

describe('units', () => {
  let t: TestApp;
  let staff: string;
  let otherStaff: string;
  let coordinator: string;
  let staffOrg: string;

  beforeAll(async () => {
    t = await startTestApp();
    const s = await t.login(DEMO.providerStaff);
    staff = s.accessToken;
    staffOrg = s.user.organisation.id;
    otherStaff = (await t.login(DEMO.otherProviderStaff)).accessToken;
    coordinator = (await t.login(DEMO.coordinator)).accessToken;
  });
  afterAll(() => t.close());

  it('creates a unit for the caller’s organisation at version 1 and records it in history', async () => {
    const body = unitBody({ categories: ['physical', 'intellectual'], specialNeeds: ['medical_care'], supportLevelMin: 3 });
    const r = await t.request('POST', '/api/units', { token: staff, body });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ ...body, organisationId: staffOrg, organisationName: '短期入所事業所 うきさと', version: 1, retiredAt: null });
    const history = await t.request('GET', `/api/units/${r.body.id}/history`, { token: staff });
    expect(history.body).toHaveLength(1);
    expect(history.body[0]).toMatchObject({ version: 1, action: 'create', snapshot: { name: body.name, capacity: 4 } });
    expect(history.body[0].changedBy.displayName).toContain('吉田');
  });

  it.each([
    ['unknown municipality', 'municipalityCode', { municipalityCode: '99999' }],
    ['malformed municipality', 'municipalityCode', { municipalityCode: '4321' }],
    ['capacity 0', 'capacity', { capacity: 0 }],
    ['capacity above 200', 'capacity', { capacity: 201 }],
    ['support range reversed', 'supportLevelMax', { supportLevelMin: 5, supportLevelMax: 2 }],
    ['support level 7', 'supportLevelMax', { supportLevelMax: 7 }],
    ['unknown category', 'categories', { categories: ['elderly'] as never }],
    ['no category', 'categories', { categories: [] }],
    ['unknown need', 'specialNeeds', { specialNeeds: ['wifi'] as never }],
    ['unknown service type', 'serviceType', { serviceType: 'hotel' as never }],
  ])('refuses %s with 400 naming %s', async (_name, field, overrides) => {
    const r = await t.request('POST', '/api/units', { token: staff, body: unitBody(overrides) });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('validation_failed');
    expect(r.body.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  it('refuses a second active unit of the same name with 409 naming name', async () => {
    const u = await createUnit(t, staff);
    const r = await t.request('POST', '/api/units', { token: staff, body: unitBody({ name: u.name }) });
    expect(r.status).toBe(409);
    expect(r.body.details[0].field).toBe('name');
  });

  it('lets only provider staff create units', async () => {
    const r = await t.request('POST', '/api/units', { token: coordinator, body: unitBody() });
    expect(r.status).toBe(403);
  });

  it('updates with the current version, bumps it, and keeps every version in history', async () => {
    const u = await createUnit(t, staff);
    const r = await t.request('PATCH', `/api/units/${u.id}`, { token: staff, body: { version: 1, capacity: 6, note: '夜間は2名体制' } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ capacity: 6, note: '夜間は2名体制', version: 2, name: u.name });
    const history = await t.request('GET', `/api/units/${u.id}/history`, { token: staff });
    expect(history.body.map((h: { version: number; action: string }) => [h.version, h.action])).toEqual([[2, 'update'], [1, 'create']]);
    expect(history.body[1].snapshot.capacity).toBe(4);
  });

  it('answers an outdated version with 409 version_conflict carrying the current unit', async () => {
    const u = await createUnit(t, staff);
    await t.request('PATCH', `/api/units/${u.id}`, { token: staff, body: { version: 1, capacity: 3 } });
    const r = await t.request('PATCH', `/api/units/${u.id}`, { token: staff, body: { version: 1, capacity: 5 } });
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('version_conflict');
    expect(r.body.current).toMatchObject({ id: u.id, version: 2, capacity: 3 });
  });

  it('lets exactly one of two concurrent edits of the same version win', async () => {
    const u = await createUnit(t, staff);
    const results = await Promise.all(
      [2, 3, 5, 6].map((capacity) => t.request('PATCH', `/api/units/${u.id}`, { token: staff, body: { version: 1, capacity } })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409]);
    const [{ version }] = await t.db.query(`SELECT version FROM units WHERE id = $1`, [u.id]);
    expect(version).toBe(2);
  });

  it('refuses another provider’s staff with 403 and leaves the unit unchanged', async () => {
    const u = await createUnit(t, staff);
    const edit = await t.request('PATCH', `/api/units/${u.id}`, { token: otherStaff, body: { version: 1, capacity: 1 } });
    expect(edit.status).toBe(403);
    expect(edit.body.code).toBe('forbidden');
    expect((await t.request('POST', `/api/units/${u.id}/retire`, { token: otherStaff })).status).toBe(403);
    expect((await t.request('GET', `/api/units/${u.id}`, { token: staff })).body).toMatchObject({ capacity: 4, version: 1, retiredAt: null });
  });

  it('lets coordinators read units but not change them', async () => {
    const u = await createUnit(t, staff);
    const read = await t.request('GET', `/api/units/${u.id}`, { token: coordinator });
    expect(read.status).toBe(200);
    expect(read.body.name).toBe(u.name);
    expect((await t.request('PATCH', `/api/units/${u.id}`, { token: coordinator, body: { version: 1, capacity: 1 } })).status).toBe(403);
  });

  it('refuses lowering the capacity below beds already declared free (400 naming capacity)', async () => {
    const u = await createUnit(t, staff, { capacity: 4 });
    await setRange(t, staff, u.id, today(), inDays(2), 3);
    const r = await t.request('PATCH', `/api/units/${u.id}`, { token: staff, body: { version: 1, capacity: 2 } });
    expect(r.status).toBe(400);
    expect(r.body.details[0]).toMatchObject({ field: 'capacity', code: 'below_free_beds' });
    // the database refuses it too, whatever the service does
    await expect(t.db.query(`UPDATE units SET capacity = 2 WHERE id = $1`, [u.id])).rejects.toThrow(/capacity/);
  });

  it('retires a unit: gone from lists and from other organisations, still readable by its owner with history', async () => {
    const u = await createUnit(t, staff);
    const r = await t.request('POST', `/api/units/${u.id}/retire`, { token: staff });
    expect(r.status).toBe(200);
    expect(r.body.retiredAt).toEqual(expect.any(String));
    expect(r.body.version).toBe(2);

    expect((await t.request('GET', `/api/units/${u.id}`, { token: staff })).status).toBe(200);
    expect((await t.request('GET', `/api/units/${u.id}`, { token: coordinator })).status).toBe(404);
    const history = await t.request('GET', `/api/units/${u.id}/history`, { token: staff });
    expect(history.body.map((h: { action: string }) => h.action)).toEqual(['retire', 'create']);

    const active = await t.request('GET', '/api/units?mine=true&limit=200', { token: staff });
    expect(active.body.items.map((x: { id: string }) => x.id)).not.toContain(u.id);
    const all = await t.request('GET', '/api/units?mine=true&includeRetired=true&limit=200', { token: staff });
    expect(all.body.items.map((x: { id: string }) => x.id)).toContain(u.id);

    const again = await t.request('PATCH', `/api/units/${u.id}`, { token: staff, body: { version: 2, capacity: 2 } });
    expect(again.status).toBe(409);
  });

  it('lists only the caller’s own units with mine=true, and filters a city with its wards', async () => {
    const mine = await t.request('GET', '/api/units?mine=true&limit=200', { token: staff });
    expect(mine.status).toBe(200);
    expect(mine.body.total).toBeGreaterThan(0);
    expect(mine.body.items.every((u: { organisationId: string }) => u.organisationId === staffOrg)).toBe(true);

    const kumamoto = await t.request('GET', '/api/units?municipalityCode=43100', { token: coordinator });
    const codes = kumamoto.body.items.map((u: { municipalityCode: string }) => u.municipalityCode);
    expect(codes).toEqual(expect.arrayContaining(['43101', '43102']));
    expect(codes.every((c: string) => c.startsWith('4310'))).toBe(true);

    expect((await t.request('GET', '/api/units?mine=yes', { token: staff })).body.details[0].field).toBe('mine');
  });
});
