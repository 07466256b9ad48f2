import { JwtService } from '@nestjs/jwt';
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

  it('rotates refresh tokens in an httpOnly cookie: a spent token cannot be used again, and logout revokes', async () => {
    const first = await t.loginSession(DEMO.admin);
    expect(first).not.toHaveProperty('refreshToken');
    const second = await t.withCookie('/api/auth/refresh', first.cookie);
    expect(second.status).toBe(200);
    expect(second.cookie).toEqual(expect.any(String));
    expect(second.cookie).not.toBe(first.cookie);
    const setCookie = second.headers.getSetCookie().join('\n');
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    expect(setCookie).toMatch(/Path=\/api\/auth/);
    const replay = await t.withCookie('/api/auth/refresh', first.cookie);
    expect(replay.status).toBe(401);
    const out = await t.withCookie('/api/auth/logout', second.cookie!);
    expect(out.status).toBe(204);
    expect((await t.withCookie('/api/auth/refresh', second.cookie!)).status).toBe(401);
  });

  it('refuses the cookie endpoints without the CSRF header or from a foreign origin', async () => {
    const s = await t.loginSession(DEMO.coordinator);
    const noHeader = await t.request('POST', '/api/auth/refresh', { headers: { cookie: s.cookie } });
    expect(noHeader.status).toBe(403);
    const foreign = await t.withCookie('/api/auth/refresh', s.cookie, { headers: { origin: 'https://evil.example' } });
    expect(foreign.status).toBe(403);
    const nullOrigin = await t.withCookie('/api/auth/logout', s.cookie, { headers: { origin: 'null' } });
    expect(nullOrigin.status).toBe(403);
    // none of those spent or ended anything
    expect((await t.withCookie('/api/auth/refresh', s.cookie)).status).toBe(200);
  });

  it('requires iss, aud, jti and exp in access tokens', async () => {
    const { accessToken } = await t.login(DEMO.coordinator);
    const claims = JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString());
    expect(claims).toMatchObject({ iss: 'akiwa', aud: 'akiwa-api', jti: expect.any(String), exp: expect.any(Number), sid: expect.any(String) });
    const jwt = t.app.get(JwtService);
    const { iss: _i, aud: _a, jti: _j, exp: _e, iat: _t, ...rest } = claims;
    const sign = (extra: object, opts: object = {}) => jwt.sign({ ...rest, ...extra }, { algorithm: 'HS256', ...opts });
    const variants = [
      sign({}, { expiresIn: 60, issuer: 'akiwa', audience: 'akiwa-api' }), // no jti
      sign({}, { expiresIn: 60, issuer: 'akiwa', jwtid: 'x' }), // no aud
      sign({}, { expiresIn: 60, audience: 'akiwa-api', jwtid: 'x' }), // no iss
      sign({}, { issuer: 'akiwa', audience: 'akiwa-api', jwtid: 'x' }), // no exp
      sign({}, { expiresIn: 60, issuer: 'someone-else', audience: 'akiwa-api', jwtid: 'x' }),
    ];
    for (const token of variants) expect((await t.request('GET', '/api/auth/me', { token })).status).toBe(401);
    const good = sign({}, { expiresIn: 60, issuer: 'akiwa', audience: 'akiwa-api', jwtid: 'x' });
    expect((await t.request('GET', '/api/auth/me', { token: good })).status).toBe(200);
  });

  it('stores passwords as argon2id hashes, never in clear', async () => {
    const [{ password_hash }] = await t.db.query(`SELECT password_hash FROM users WHERE email = $1`, [DEMO.admin]);
    expect(password_hash).toMatch(/^\$argon2id\$/);
  });
});
