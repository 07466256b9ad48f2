import { DEMO, startTestApp, type TestApp } from './support/test-app';

describe('organisation scope', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('lets a user read their own organisation and members, and refuses another organisation with 403', async () => {
    const me = await t.login(DEMO.providerStaff);
    const other = await t.login(DEMO.otherProviderStaff);
    const own = await t.request('GET', `/api/organisations/${me.user.organisation.id}`, { token: me.accessToken });
    expect(own.status).toBe(200);
    expect(own.body.name).toBe(me.user.organisation.name);
    const members = await t.request('GET', `/api/organisations/${me.user.organisation.id}/members`, { token: me.accessToken });
    expect(members.body.map((m: { id: string }) => m.id)).toContain(me.user.id);

    const foreign = await t.request('GET', `/api/organisations/${other.user.organisation.id}/members`, { token: me.accessToken });
    expect(foreign.status).toBe(403);
    expect(foreign.body.code).toBe('forbidden');
  });

  it('names a malformed id as the bad field', async () => {
    const me = await t.login(DEMO.coordinator);
    const r = await t.request('GET', '/api/organisations/not-a-uuid', { token: me.accessToken });
    expect(r.status).toBe(400);
    expect(r.body.details[0]).toMatchObject({ field: 'id', code: 'isUuid' });
  });
});
