import { DEMO, startTestApp, type TestApp } from '../support/test-app';

const PASSWORD = 'akiwa-demo-2026';

function loginFrom(t: TestApp, ip: string, email: string, password: string) {
  return t.request('POST', '/api/auth/login', { body: { email, password }, headers: { 'x-forwarded-for': ip } });
}

describe('security: failed logins slow the guesser, never the account owner', () => {
  let t: TestApp;
  beforeAll(async () => {
    // the test client is on loopback, trusted as the proxy: X-Forwarded-For is the client IP
    t = await startTestApp({ LOGIN_MAX_FAILURES: '3', TRUST_PROXY: 'loopback' });
  });
  afterAll(() => t.close());

  it('cannot lock another user out: guesses from one IP delay that IP only, the owner logs in from theirs', async () => {
    const attacker = '203.0.113.7';
    for (let i = 0; i < 3; i++) expect((await loginFrom(t, attacker, DEMO.coordinator, `guess-${i}`)).status).toBe(401);
    // the attacker's pair is now delayed, even for the right password (so guessing gains nothing)…
    const delayed = await loginFrom(t, attacker, DEMO.coordinator, PASSWORD);
    expect(delayed.status).toBe(429);
    expect(Number(delayed.headers.get('retry-after'))).toBeGreaterThan(0);
    // …while the owner, elsewhere, is never refused
    expect((await loginFrom(t, '198.51.100.20', DEMO.coordinator, PASSWORD)).status).toBe(200);
  });

  it('delays an IP that sprays many accounts, and nobody else', async () => {
    const sprayer = '203.0.113.99';
    const accounts = Object.values(DEMO);
    // one guess each at 30 accounts: no pair reaches its limit, the IP does (3 × 10)
    for (let i = 0; i < 30; i++) expect((await loginFrom(t, sprayer, `spray-${i}@test.example`, 'x')).status).toBe(401);
    expect((await loginFrom(t, sprayer, `someone-new@test.example`, 'x')).status).toBe(429);
    for (const email of accounts) expect((await loginFrom(t, '198.51.100.21', email, PASSWORD)).status).toBe(200);
  });

  it('believes X-Forwarded-For only from a trusted proxy: a direct client cannot dodge its delay by inventing IPs', async () => {
    const direct = await startTestApp({ LOGIN_MAX_FAILURES: '3', TRUST_PROXY: 'false' });
    try {
      for (let i = 0; i < 3; i++) expect((await loginFrom(direct, `192.0.2.${i}`, DEMO.officer, `guess-${i}`)).status).toBe(401);
      expect((await loginFrom(direct, '192.0.2.200', DEMO.officer, 'guess-x')).status).toBe(429);
    } finally {
      await direct.close();
    }
  });
});
