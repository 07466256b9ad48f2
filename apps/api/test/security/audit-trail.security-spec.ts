import { parse } from 'csv-parse/sync';
import { DEMO, startTestApp, type TestApp } from '../support/test-app';

/** Issue 8, "Audit you can trust and read": changes and exports are recorded; admins and officers can read them. */
describe('the audit trail', () => {
  let t: TestApp;
  let admin: string;
  let adminId: string;
  beforeAll(async () => {
    t = await startTestApp();
    const s = await t.login(DEMO.admin);
    admin = s.accessToken;
    adminId = s.user.id;
  });
  afterAll(() => t.close());

  const entries = async (query: string, token = admin) => {
    const r = await t.request('GET', `/api/admin/audit?${query}`, { token });
    expect(r.status).toBe(200);
    return r.body as { items: { id: string; action: string; actorUserId: string; actorName: string; subjectId: string; detail: Record<string, unknown> }[]; total: number };
  };

  it('records user and organisation changes with who did them (never the password)', async () => {
    const org = await t.request('POST', '/api/admin/organisations', { token: admin, body: { name: '監査テスト事業所', kind: 'provider', municipalityCode: '43213' } });
    expect(org.status).toBe(201);
    await t.request('PATCH', `/api/admin/organisations/${org.body.id}`, { token: admin, body: { name: '監査テスト事業所（改）' } });
    const user = await t.request('POST', '/api/admin/users', {
      token: admin,
      body: { email: 'audited@test.example', displayName: '監査 花子', role: 'provider_staff', organisationId: org.body.id, password: 'a-long-password-1234' },
    });
    expect(user.status).toBe(201);
    const patched = await t.request('PATCH', `/api/admin/users/${user.body.id}`, { token: admin, body: { active: false, password: 'Kq7#vLm2-Tz9!wRb4-long-password' } });
    expect(patched.status).toBe(200);
    expect(patched.body.displayName).toBe('監査 花子'); // fields not sent stay as they were

    const orgLog = await entries(`subjectId=${org.body.id}`);
    expect(orgLog.items.map((e) => e.action).reverse()).toEqual(['organisation.create', 'organisation.update']);
    expect(orgLog.items[0]).toMatchObject({ actorUserId: adminId, actorName: '管理者 太郎', detail: { fields: ['name'] } });
    const userLog = await entries(`subjectId=${user.body.id}&action=user`);
    expect(userLog.items.map((e) => e.action).reverse()).toEqual(['user.create', 'user.update']);
    expect(userLog.items[0].detail).toMatchObject({ fields: expect.arrayContaining(['active', 'password']) });
    expect(JSON.stringify(userLog.items)).not.toMatch(/long-password/);
  });

  it('records CSV exports', async () => {
    const staff = await t.login(DEMO.providerStaff);
    expect((await t.request('GET', '/api/units/export.csv', { token: staff.accessToken })).status).toBe(200);
    expect((await t.request('GET', '/api/vacancies/export.csv', { token: staff.accessToken })).status).toBe(200);
    const log = await entries(`userId=${staff.user.id}&action=export`);
    expect(log.items.map((e) => e.action).sort()).toEqual(['export.units_csv', 'export.vacancies_csv']);
  });

  it('filters by organisation, action and period', async () => {
    const coordinator = await t.login(DEMO.coordinator);
    const byOrg = await entries(`organisationId=${coordinator.user.organisation.id}`);
    expect(byOrg.total).toBeGreaterThan(0);
    expect(byOrg.items.every((e) => (e as unknown as { actorOrganisationId: string }).actorOrganisationId === coordinator.user.organisation.id)).toBe(true);
    expect((await entries('from=2000-01-01&to=2000-01-02')).total).toBe(0);
    const bad = await t.request('GET', '/api/admin/audit?from=yesterday', { token: admin });
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].field).toBe('from');
  });

  it('exports the filtered log as CSV with formula cells escaped, and records the export', async () => {
    await t.request('POST', '/api/admin/organisations', { token: admin, body: { name: '=HYPERLINK("http://evil.example")', kind: 'provider', municipalityCode: '43213' } });
    const r = await t.request('GET', '/api/admin/audit/export.csv?action=organisation', { token: admin });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('text/csv');
    const rows: string[][] = parse((r.body as string).replace(/^\uFEFF/, ''));
    expect(rows[0][2]).toBe('操作');
    expect(rows.length).toBeGreaterThan(1);
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    expect((await entries('action=export.audit_csv')).items[0]).toMatchObject({ actorUserId: adminId, detail: { filter: { action: 'organisation' } } });
  });

  it('shows a municipal officer their municipality’s entries without personal data, and nobody else the admin log', async () => {
    const officer = await t.login(DEMO.officer);
    const coordinator = await t.login(DEMO.coordinator); // 宇城市 (43213): the officer's municipality
    await t.login(DEMO.otherCoordinator); // 熊本市: not theirs
    const r = await t.request('GET', '/api/audit?limit=200', { token: officer.accessToken });
    expect(r.status).toBe(200);
    expect(r.body.total).toBeGreaterThan(0);
    for (const e of r.body.items) expect(Object.keys(e).sort()).toEqual(['action', 'actorOrganisationName', 'at', 'id', 'subjectType']);
    const orgs = new Set(r.body.items.map((e: { actorOrganisationName: string }) => e.actorOrganisationName));
    expect(orgs).toContain(coordinator.user.organisation.name);
    expect(orgs).not.toContain('熊本市基幹相談支援センター');
    for (const token of [officer.accessToken, coordinator.accessToken]) {
      expect((await t.request('GET', '/api/admin/audit', { token })).status).toBe(403);
      expect((await t.request('GET', '/api/admin/audit/export.csv', { token })).status).toBe(403);
    }
    expect((await t.request('GET', '/api/audit', { token: coordinator.accessToken })).status).toBe(403);
  });
});
