import { requestBody } from '../support/emergency';
import { CSRF_HEADER } from '@akiwa/contracts';
import { DEMO, nextEvent, startTestApp, type TestApp } from '../support/test-app';
import { totpCode } from '../support/totp';
import { createUnit } from '../support/units';

/**
 * Issue 8, the authorization items beyond the role matrix: service areas of centres, unit history
 * naming staff only to their own organisation, an admin's MFA reset, policy changes in the audit log.
 */
describe('security: service areas, unit history, MFA reset, what the audit log records', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp({ MFA_ENFORCEMENT: 'optional' });
    admin = (await t.login(DEMO.admin)).accessToken;
  });
  afterAll(() => t.close());

  it('a coordinator posts requests only for the municipalities its centre serves (configurable; default: its prefecture)', async () => {
    const c = await t.login(DEMO.coordinator);
    const centre = c.user.organisation.id;
    const post = (municipalityCode: string) => t.request('POST', '/api/emergency-requests', { token: c.accessToken, body: requestBody({ municipalityCode }) });
    // default: the prefecture of the centre (熊本県), not Chiba
    expect((await t.request('GET', `/api/admin/organisations/${centre}/service-area`, { token: admin })).body).toMatchObject({ isDefault: true, prefectureCode: '43' });
    expect((await post('43100')).status).toBe(201);
    const chiba = await post('12232');
    expect(chiba.status).toBe(403);
    expect(chiba.body.message.ja).toContain('担当区域外');

    // an admin narrows it to 宇城市 and 熊本市 (a city covers its wards); recorded
    const set = await t.request('PUT', `/api/admin/organisations/${centre}/service-area`, { token: admin, body: { municipalityCodes: ['43213', '43100'] } });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ municipalityCodes: ['43100', '43213'], isDefault: false });
    expect((await post('43213')).status).toBe(201);
    expect((await post('43101')).status).toBe(201); // a ward of 熊本市
    expect((await post('43211')).status).toBe(403); // 宇土市: same region, not served now
    expect((await t.request('PUT', `/api/admin/organisations/${centre}/service-area`, { token: c.accessToken, body: { municipalityCodes: ['12232'] } })).status).toBe(403);
    const [audit] = await t.db.query(`SELECT detail FROM audit_log WHERE action = 'organisation.service_area.update' AND subject_id = $1`, [centre]);
    expect(audit.detail).toEqual({ municipalityCodes: ['43100', '43213'] });
    // empty: back to the default
    expect((await t.request('PUT', `/api/admin/organisations/${centre}/service-area`, { token: admin, body: { municipalityCodes: [] } })).body.isDefault).toBe(true);
    expect((await post('43211')).status).toBe(201);
  });

  it('unit history names the staff who changed a unit only to the unit’s own organisation', async () => {
    const staff = await t.login(DEMO.providerStaff);
    const unit = await createUnit(t, staff.accessToken);
    const own = await t.request('GET', `/api/units/${unit.id}/history`, { token: staff.accessToken });
    expect(own.body[0].changedBy).toEqual({ id: staff.user.id, displayName: staff.user.displayName });
    for (const other of [DEMO.coordinator, DEMO.otherProviderStaff, DEMO.officer]) {
      const r = await t.request('GET', `/api/units/${unit.id}/history`, { token: (await t.login(other)).accessToken });
      expect(r.status).toBe(200);
      expect(r.body[0]).toMatchObject({ version: 1, action: 'create', changedBy: null });
      expect(JSON.stringify(r.body)).not.toContain(staff.user.displayName);
    }
  });

  it('an admin resets a user’s two factors: recorded, every session of the user ends (HTTP and socket), the next login needs no code', async () => {
    const s = await t.login(DEMO.otherProviderStaff);
    const start = await t.request('POST', '/api/auth/mfa/enrol', { token: s.accessToken });
    expect((await t.request('POST', '/api/auth/mfa/verify', { token: s.accessToken, body: { code: totpCode(start.body.secret) } })).status).toBe(200);
    const socket = t.socket(s.accessToken);
    await nextEvent(socket, 'session:ready');
    const ended = nextEvent<{ reason: string }>(socket, 'session:ended');
    const gone = nextEvent(socket, 'disconnect');

    expect((await t.request('POST', `/api/admin/users/${s.user.id}/mfa-reset`, { token: s.accessToken })).status).toBe(403);
    expect((await t.request('POST', `/api/admin/users/${s.user.id}/mfa-reset`, { token: admin })).status).toBe(204);
    expect((await ended).reason).toBe('revoked');
    await gone;
    expect((await t.request('GET', '/api/auth/me', { token: s.accessToken })).status).toBe(401);
    const again = await t.login(DEMO.otherProviderStaff);
    expect(again).toMatchObject({ accessToken: expect.any(String) });
    expect((await t.request('GET', '/api/auth/mfa', { token: again.accessToken })).body).toMatchObject({ enabled: false });
    const [audit] = await t.db.query(`SELECT action, actor_user_id, detail FROM audit_log WHERE action = 'mfa.reset' AND subject_id = $1`, [s.user.id]);
    expect(audit).toMatchObject({ action: 'mfa.reset', detail: { hadMfa: true } });
  });

  it('records every policy change of the officer settings and the organisation policies in the audit log', async () => {
    const officer = await t.login(DEMO.officer);
    const code = '43213';
    expect((await t.request('PUT', `/api/trial-stay-policies/${code}`, { token: officer.accessToken, body: { maxConsecutiveNights: 10, maxNightsPerFiscalYear: 30 } })).status).toBe(200);
    const c = await t.login(DEMO.coordinator);
    expect((await t.request('PATCH', `/api/admin/organisations/${c.user.organisation.id}`, { token: admin, body: { mfaRequired: false } })).status).toBe(200);
    const rows: { action: string; actor_user_id: string; detail: Record<string, unknown> }[] = await t.db.query(
      `SELECT action, actor_user_id, detail FROM audit_log WHERE action IN ('trial_policy.write', 'organisation.update') ORDER BY id`,
    );
    expect(rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'trial_policy.write', actor_user_id: officer.user.id, detail: { maxConsecutiveNights: 10, maxNightsPerFiscalYear: 30 } }),
        expect.objectContaining({ action: 'organisation.update', detail: { fields: ['mfaRequired'] } }),
      ]),
    );
  });

  it('records logins (success and failure, with the client IP) and logouts', async () => {
    const [{ since }] = await t.db.query(`SELECT coalesce(max(id), 0)::text AS since FROM audit_log`);
    const wrong = await t.request('POST', '/api/auth/login', { body: { email: DEMO.officer, password: 'not-the-password-1' } });
    expect(wrong.status).toBe(401);
    const s = await t.login(DEMO.officer);
    expect((await t.request('POST', '/api/auth/logout', { token: s.accessToken, headers: { [CSRF_HEADER]: '1' } })).status).toBe(204);
    const rows: { action: string; subject_id: string; detail: Record<string, unknown> }[] = await t.db.query(
      `SELECT action, subject_id, detail FROM audit_log WHERE id > $2 AND action IN ('auth.login', 'auth.login_failed', 'session.revoke')
         AND (subject_id = $1 OR actor_user_id::text = $1 OR detail->>'userId' = $1) ORDER BY id`,
      [s.user.id, since],
    );
    expect(rows.map((r) => r.action)).toEqual(['auth.login_failed', 'auth.login', 'session.revoke']);
    expect(rows[0].detail).toMatchObject({ ip: expect.any(String) });
    expect(rows[2].detail).toMatchObject({ reason: 'logged_out', userId: s.user.id });
  });
});
