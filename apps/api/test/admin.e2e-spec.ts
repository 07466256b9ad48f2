import { DEMO, startTestApp, type TestApp } from './support/test-app';

describe('admin: organisations and users, and role checks', () => {
  let t: TestApp;
  let admin: string;
  let coordinator: string;
  beforeAll(async () => {
    t = await startTestApp();
    admin = (await t.login(DEMO.admin)).accessToken;
    coordinator = (await t.login(DEMO.coordinator)).accessToken;
  });
  afterAll(() => t.close());

  it('forbids a coordinator from admin routes (403)', async () => {
    const r = await t.request('GET', '/api/admin/organisations', { token: coordinator });
    expect(r.status).toBe(403);
    expect(r.body.code).toBe('forbidden');
    const create = await t.request('POST', '/api/admin/users', { token: coordinator, body: {} });
    expect(create.status).toBe(403);
  });

  it('lets an admin create a provider organisation and a staff user who can then log in', async () => {
    const org = await t.request('POST', '/api/admin/organisations', { token: admin, body: { name: '短期入所 テストの家', kind: 'provider', municipalityCode: '43211' } });
    expect(org.status).toBe(201);
    const user = await t.request('POST', '/api/admin/users', {
      token: admin,
      body: { email: 'new.staff@test.example', displayName: '新しい 職員', role: 'provider_staff', organisationId: org.body.id, password: 'a-long-password-1' },
    });
    expect(user.status).toBe(201);
    expect(user.body).not.toHaveProperty('passwordHash');
    const session = await t.loginSession('new.staff@test.example', 'a-long-password-1');
    expect(session.user.organisation.name).toBe('短期入所 テストの家');

    const list = await t.request('GET', `/api/admin/users?organisationId=${org.body.id}`, { token: admin });
    expect(list.body.items.map((u: { email: string }) => u.email)).toEqual(['new.staff@test.example']);

    // deactivation ends the session for good
    const off = await t.request('PATCH', `/api/admin/users/${user.body.id}`, { token: admin, body: { active: false } });
    expect(off.status).toBe(200);
    expect((await t.withCookie('/api/auth/refresh', session.cookie)).status).toBe(401);
    expect((await t.request('GET', '/api/auth/me', { token: session.accessToken })).status).toBe(401);
    expect((await t.request('POST', '/api/auth/login', { body: { email: 'new.staff@test.example', password: 'a-long-password-1' } })).status).toBe(401);
  });

  it('refuses a role the organisation kind cannot hold, an unknown municipality and a duplicate email, naming the field', async () => {
    const orgs = await t.request('GET', '/api/admin/organisations?limit=200', { token: admin });
    const provider = orgs.body.items.find((o: { kind: string }) => o.kind === 'provider');
    const role = await t.request('POST', '/api/admin/users', {
      token: admin,
      body: { email: 'x@test.example', displayName: 'x', role: 'coordinator', organisationId: provider.id, password: 'a-long-password-1' },
    });
    expect(role.status).toBe(400);
    expect(role.body.details[0].field).toBe('role');
    const muni = await t.request('POST', '/api/admin/organisations', { token: admin, body: { name: 'どこでもない', kind: 'provider', municipalityCode: '99999' } });
    expect(muni.status).toBe(400);
    expect(muni.body.details[0]).toMatchObject({ field: 'municipalityCode', code: 'unknown_municipality' });
    const dup = await t.request('POST', '/api/admin/users', {
      token: admin,
      body: { email: DEMO.coordinator.toUpperCase(), displayName: 'x', role: 'provider_staff', organisationId: provider.id, password: 'a-long-password-1' },
    });
    expect(dup.status).toBe(400);
    expect(dup.body.details[0].field).toBe('email');
  });

  it('serves geography with the seed places: 宇城圏域 = 宇城市・宇土市・美里町, and 熊本市 with five wards', async () => {
    const r = await t.request('GET', '/api/geography', { token: coordinator });
    expect(r.status).toBe(200);
    const uki = r.body.regions.find((x: { name: string }) => x.name === '宇城圏域');
    const inUki = r.body.municipalities.filter((m: { regionId: string }) => m.regionId === uki.id).map((m: { name: string }) => m.name);
    expect(inUki.sort()).toEqual(['宇土市', '宇城市', '美里町'].sort());
    const wards = r.body.municipalities.filter((m: { parentCode: string }) => m.parentCode === '43100');
    expect(wards).toHaveLength(5);
    for (const name of ['白井市', '松江市']) expect(r.body.municipalities.some((m: { name: string }) => m.name === name)).toBe(true);
  });
});
