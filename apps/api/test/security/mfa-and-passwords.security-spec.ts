import { DEMO, nextEvent, startTestApp, type TestApp } from '../support/test-app';
import { totpCode } from '../support/totp';

const PASSWORD = 'akiwa-demo-2026';

describe('security: two factors', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ MFA_ENFORCEMENT: 'optional' });
  });
  afterAll(() => t.close());

  it('enrols with a code, then asks every login for one; a code cannot be replayed; a recovery code works once', async () => {
    const { accessToken: token } = await t.login(DEMO.providerStaff);
    const start = await t.request('POST', '/api/auth/mfa/enrol', { token });
    expect(start.status).toBe(200);
    expect(start.body.uri).toMatch(/^otpauth:\/\/totp\//);
    expect((await t.request('POST', '/api/auth/mfa/verify', { token, body: { code: '000000' } })).body.code).toBe('invalid_mfa_code');
    const enrolCode = totpCode(start.body.secret);
    const done = await t.request('POST', '/api/auth/mfa/verify', { token, body: { code: enrolCode } });
    expect(done.status).toBe(200);
    expect(done.body.recoveryCodes).toHaveLength(10);
    // stored: the secret encrypted, the recovery codes hashed
    const [row] = await t.db.query(`SELECT encode(totp_secret, 'escape') AS s FROM users WHERE email = $1`, [DEMO.providerStaff]);
    expect(row.s).not.toContain(start.body.secret);
    const hashes = await t.db.query(`SELECT code_hash FROM mfa_recovery_codes mrc JOIN users u ON u.id = mrc.user_id WHERE u.email = $1`, [DEMO.providerStaff]);
    expect(hashes.map((h: { code_hash: string }) => h.code_hash)).not.toContain(done.body.recoveryCodes[0]);

    const first = await t.request('POST', '/api/auth/login', { body: { email: DEMO.providerStaff, password: PASSWORD } });
    expect(first.body).toEqual({ mfaRequired: true, mfaToken: expect.any(String) });
    expect(first.headers.getSetCookie()).toEqual([]); // no session yet
    // the ticket is not an access token
    expect((await t.request('GET', '/api/auth/me', { token: first.body.mfaToken })).status).toBe(401);
    // the code from enrolment was spent: the same one again is refused (replay)
    const replay = await t.request('POST', '/api/auth/login/mfa', { body: { mfaToken: first.body.mfaToken, code: enrolCode } });
    expect(replay.status).toBe(401);
    const next = await t.request('POST', '/api/auth/login/mfa', { body: { mfaToken: first.body.mfaToken, code: totpCode(start.body.secret, 1) } });
    expect(next.status).toBe(200);
    expect((await t.request('GET', '/api/auth/me', { token: next.body.accessToken })).status).toBe(200);

    const again = await t.request('POST', '/api/auth/login', { body: { email: DEMO.providerStaff, password: PASSWORD } });
    const recovery = done.body.recoveryCodes[0];
    expect((await t.request('POST', '/api/auth/login/mfa', { body: { mfaToken: again.body.mfaToken, code: recovery } })).status).toBe(200);
    expect((await t.request('POST', '/api/auth/login/mfa', { body: { mfaToken: again.body.mfaToken, code: recovery } })).status).toBe(401);
    const audit = await t.db.query(`SELECT action FROM audit_log WHERE action LIKE 'mfa.%' OR action = 'auth.mfa_failed'`);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(expect.arrayContaining(['mfa.enrol', 'auth.mfa_failed']));
  });

  it('an organisation can require two factors: its users may do nothing but enrol, live data included', async () => {
    const admin = await t.login(DEMO.admin);
    const coordinator = await t.login(DEMO.coordinator);
    const org = coordinator.user.organisation.id;
    expect((await t.request('PATCH', `/api/admin/organisations/${org}`, { token: admin.accessToken, body: { mfaRequired: true } })).status).toBe(200);
    const s = await t.login(DEMO.coordinator);
    expect(s.restriction).toBe('mfa_enrolment');
    const blocked = await t.request('GET', '/api/units', { token: s.accessToken });
    expect(blocked.status).toBe(403);
    expect(blocked.body.code).toBe('mfa_enrolment');
    const socket = t.socket(s.accessToken);
    expect((await nextEvent<{ data?: { code?: string } }>(socket, 'connect_error')).data?.code).toBe('mfa_enrolment');
    // may not disable what the organisation requires
    const start = await t.request('POST', '/api/auth/mfa/enrol', { token: s.accessToken });
    expect((await t.request('POST', '/api/auth/mfa/verify', { token: s.accessToken, body: { code: totpCode(start.body.secret) } })).status).toBe(200);
    expect((await t.request('GET', '/api/auth/me', { token: s.accessToken })).status).toBe(200);
    expect((await t.request('GET', '/api/auth/mfa', { token: s.accessToken })).body).toMatchObject({ enabled: true, required: true, recoveryCodesLeft: 10 });
    const off = await t.request('POST', '/api/auth/mfa/disable', { token: s.accessToken, body: { code: totpCode(start.body.secret, 1) } });
    expect(off.status).toBe(403);
  });
});

describe('security: MFA required by default in production shape', () => {
  it('forces enrolment at the next login for every role when MFA_ENFORCEMENT=required', async () => {
    const t = await startTestApp({ MFA_ENFORCEMENT: 'required' });
    try {
      for (const email of [DEMO.admin, DEMO.officer]) {
        const s = await t.login(email);
        expect(s.restriction).toBe('mfa_enrolment');
        expect((await t.request('GET', '/api/auth/me', { token: s.accessToken })).status).toBe(200);
      }
    } finally {
      await t.close();
    }
  });
});

describe('security: passwords', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('lets users change their own password, refusing weak ones and ending their other sessions', async () => {
    const mine = await t.loginSession(DEMO.otherCoordinator);
    const elsewhere = await t.login(DEMO.otherCoordinator);
    const change = (currentPassword: string, newPassword: string) =>
      t.request('POST', '/api/auth/password', { token: mine.accessToken, body: { currentPassword, newPassword } });
    const wrong = await change('not-my-password', 'a-much-better-secret-42');
    expect(wrong.body.details[0]).toMatchObject({ field: 'currentPassword', code: 'wrong_password' });
    // a breached favourite, a keyboard walk, a Japanese name, and the user's own email words
    for (const weak of ['password1234', 'qwertyuiop12', 'sakura123456', 'coordinatorkikan']) {
      const r = await change(PASSWORD, weak);
      expect(r.status).toBe(400);
      expect(r.body.details[0]).toMatchObject({ field: 'newPassword', code: 'weak_password' });
      expect(r.body.details[0].message.ja).toContain('パスワード');
    }
    expect((await change(PASSWORD, 'Kaze-no-Tani-no-Oka-73')).status).toBe(204);
    expect((await t.request('GET', '/api/auth/me', { token: mine.accessToken })).status).toBe(200);
    expect((await t.request('GET', '/api/auth/me', { token: elsewhere.accessToken })).status).toBe(401);
    expect((await t.request('POST', '/api/auth/login', { body: { email: DEMO.otherCoordinator, password: PASSWORD } })).status).toBe(401);
    await expect(t.login(DEMO.otherCoordinator, 'Kaze-no-Tani-no-Oka-73')).resolves.toBeDefined();
  });

  it('an admin issues a one-time password: old sessions end, the user must choose a new one before anything else', async () => {
    const admin = await t.login(DEMO.admin);
    const before = await t.login(DEMO.otherProviderStaff);
    const reset = await t.request('POST', `/api/admin/users/${before.user.id}/password-reset`, { token: admin.accessToken });
    expect(reset.status).toBe(200);
    expect((await t.request('GET', '/api/auth/me', { token: before.accessToken })).status).toBe(401);
    expect((await t.request('POST', '/api/auth/login', { body: { email: DEMO.otherProviderStaff, password: PASSWORD } })).status).toBe(401);
    const s = await t.login(DEMO.otherProviderStaff, reset.body.oneTimePassword);
    expect(s.restriction).toBe('password_change');
    const blocked = await t.request('GET', '/api/units', { token: s.accessToken });
    expect(blocked.body.code).toBe('password_change');
    const set = await t.request('POST', '/api/auth/password', { token: s.accessToken, body: { currentPassword: reset.body.oneTimePassword, newPassword: 'Hoshi-no-Umi-de-Utau-58' } });
    expect(set.status).toBe(204);
    expect((await t.request('GET', '/api/units', { token: s.accessToken })).status).toBe(200);
    const audit = await t.db.query(`SELECT action FROM audit_log WHERE action LIKE 'password.%' AND subject_id = $1 ORDER BY id`, [before.user.id]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['password.reset', 'password.change']);
  });
});
