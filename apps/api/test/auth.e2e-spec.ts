import { DEMO, startTestApp, type TestApp } from './support/test-app';

describe('auth (HTTP)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ LOGIN_MAX_FAILURES: '3' });
  });
  afterAll(() => t.close());

  it('logs in with the right password and returns the session user', async () => {
    const r = await t.login(DEMO.coordinator);
    expect(r.accessToken).toEqual(expect.any(String));
    expect(r.user).toMatchObject({ email: DEMO.coordinator, role: 'coordinator', organisation: { kind: 'consultation_centre', municipalityCode: '43213' } });
    const me = await t.request('GET', '/api/auth/me', { token: r.accessToken });
    expect(me.status).toBe(200);
    expect(me.body.email).toBe(DEMO.coordinator);
  });

  it('answers a wrong password with 401 invalid_credentials, and an unknown email the same way', async () => {
    const wrong = await t.request('POST', '/api/auth/login', { body: { email: DEMO.officer, password: 'wrong-password' } });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ status: 401, code: 'invalid_credentials', details: [] });
    expect(wrong.body.message.ja).toContain('パスワード');
    const unknown = await t.request('POST', '/api/auth/login', { body: { email: 'nobody@nowhere.example', password: 'x' } });
    expect(unknown.status).toBe(401);
    expect(unknown.body.code).toBe('invalid_credentials');
  });

  it('rate-limits failed logins per account with 429, even when the password is then right', async () => {
    for (let i = 0; i < 3; i++) {
      const r = await t.request('POST', '/api/auth/login', { body: { email: DEMO.otherProviderStaff, password: `bad-${i}` } });
      expect(r.status).toBe(401);
    }
    const blocked = await t.request('POST', '/api/auth/login', { body: { email: DEMO.otherProviderStaff, password: 'akiwa-demo-2026' } });
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('too_many_attempts');
    // other accounts are unaffected
    await expect(t.login(DEMO.providerStaff)).resolves.toBeDefined();
  });

  it('refuses requests without a token or with a forged one', async () => {
    expect((await t.request('GET', '/api/auth/me')).status).toBe(401);
    const forged = await t.request('GET', '/api/auth/me', { token: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl' });
    expect(forged.status).toBe(401);
    expect(forged.body.code).toBe('unauthenticated');
  });

  it('rotates refresh tokens: a spent token cannot be used again, and logout revokes', async () => {
    const first = await t.login(DEMO.admin);
    const second = await t.request('POST', '/api/auth/refresh', { body: { refreshToken: first.refreshToken } });
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first.refreshToken);
    const replay = await t.request('POST', '/api/auth/refresh', { body: { refreshToken: first.refreshToken } });
    expect(replay.status).toBe(401);
    const out = await t.request('POST', '/api/auth/logout', { body: { refreshToken: second.body.refreshToken } });
    expect(out.status).toBe(204);
    expect((await t.request('POST', '/api/auth/refresh', { body: { refreshToken: second.body.refreshToken } })).status).toBe(401);
  });

  it('stores passwords as argon2id hashes, never in clear', async () => {
    const [{ password_hash }] = await t.db.query(`SELECT password_hash FROM users WHERE email = $1`, [DEMO.admin]);
    expect(password_hash).toMatch(/^\$argon2id\$/);
  });
});
