import { randomBytes } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { DEMO, startTestApp, type TestApp } from '../support/test-app';
import { createUnit } from '../support/units';

/** Issue 8, "HTTP and files": hostile input gets a 4xx, never a 500; headers that confine the browser. */
describe('HTTP hardening', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const nested = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

  it('refuses a 30 KB body nested 5,000 deep on the unauthenticated login with a 400 naming the body', async () => {
    const rawBody = nested(5000);
    expect(rawBody.length).toBeGreaterThan(30_000);
    const r = await t.request('POST', '/api/auth/login', { rawBody, headers: { 'content-type': 'application/json' } });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ code: 'validation_failed', details: [{ field: 'body', code: 'maxDepth' }] });
    const arrays = await t.request('POST', '/api/auth/login', { rawBody: '['.repeat(5000) + ']'.repeat(5000), headers: { 'content-type': 'application/json' } });
    expect(arrays.status).toBe(400);
  });

  it('still accepts ordinary nesting, and the server stays up after deep bodies', async () => {
    const { accessToken } = await t.login(DEMO.coordinator);
    const r = await t.request('POST', '/api/auth/login', { rawBody: nested(20), headers: { 'content-type': 'application/json' } });
    expect(r.status).toBe(400);
    expect(r.body.details[0].code).not.toBe('maxDepth');
    expect((await t.request('GET', '/api/auth/me', { token: accessToken })).status).toBe(200);
  });

  it.each(['9999-12', '0000-01', '2026-13'])('GET /api/trial-stays/calendar?month=%s is a 400 naming the month', async (month) => {
    const { accessToken } = await t.login(DEMO.coordinator);
    const r = await t.request('GET', `/api/trial-stays/calendar?month=${month}&organisationId=00000000-0000-4000-8000-000000000000`, { token: accessToken });
    expect(r.status).toBe(400);
    expect(r.body.details.map((d: { field: string }) => d.field)).toContain('month');
  });

  it('sends a Content-Security-Policy without inline scripts or styles on every response', async () => {
    for (const path of ['/api/health/live', '/api/no-such-route', '/api/auth/me']) {
      const r = await t.request('GET', path);
      const csp = r.headers.get('content-security-policy') ?? '';
      const directive = (name: string) => csp.split(';').map((d) => d.trim()).find((d) => d.startsWith(`${name} `)) ?? '';
      expect(directive('script-src')).toBe("script-src 'self'");
      expect(directive('style-src')).toBe("style-src 'self'");
      expect(directive('default-src')).toBe("default-src 'self'");
      expect(directive('object-src')).toBe("object-src 'none'");
      expect(directive('frame-ancestors')).toBe("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
    }
  });

  it('escapes CSV cells that a spreadsheet would run as formulas, and imports them back unchanged', async () => {
    const { accessToken } = await t.login(DEMO.providerStaff);
    const hostile = ['=HYPERLINK("http://evil.example","x")', '+1+1', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd'];
    const units = [];
    for (const note of hostile) units.push(await createUnit(t, accessToken, { note, name: `${note.trim()} ${units.length}` }));
    const csv = await t.request('GET', '/api/units/export.csv', { token: accessToken });
    expect(csv.status).toBe(200);
    const rows: string[][] = parse((csv.body as string).replace(/^\uFEFF/, ''), { relax_column_count: true });
    for (const u of units) {
      const row = rows.find((r) => r[0] === u.id)!;
      for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
      expect(row).toContain(`'${u.note}`);
    }
    // an exported file imports back with the text as it was
    const back = await t.request('POST', '/api/units/import', { token: accessToken, rawBody: csv.body as string, headers: { 'content-type': 'text/csv' } });
    expect(back.body).toMatchObject({ ok: true });
    for (const u of units.slice(0, 4)) {
      expect((await t.request('GET', `/api/units/${u.id}`, { token: accessToken })).body).toMatchObject({ note: u.note, name: u.name });
    }
  });
});

describe('API explorer in production', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://replaced-by-the-test-app',
      JWT_SECRET: randomBytes(32).toString('base64url'),
      PERSONAL_DATA_KEY: randomBytes(32).toString('base64'),
      AUDIT_HMAC_KEY: randomBytes(32).toString('base64'),
      // Web Push keys are required in production (issue 12): a throwaway pair
      VAPID_PUBLIC_KEY: 'B' + 'A'.repeat(86),
      VAPID_PRIVATE_KEY: 'A'.repeat(43),
      APP_DATABASE_PASSWORD: randomBytes(24).toString('base64url'),
      // production requires TOTP enrolment before anything else; these demo logins have none
      MFA_ENFORCEMENT: 'optional',
    });
  });
  afterAll(() => t.close());

  it('is closed to anonymous callers and non-admins, open to a logged-in admin', async () => {
    expect((await t.request('GET', '/api/docs')).status).toBe(404);
    expect((await t.request('GET', '/api/docs/openapi.json')).status).toBe(401);
    const coordinator = await t.login(DEMO.coordinator);
    expect((await t.request('GET', '/api/docs/openapi.json', { token: coordinator.accessToken })).status).toBe(403);
    const admin = await t.login(DEMO.admin);
    const doc = await t.request('GET', '/api/docs/openapi.json', { token: admin.accessToken });
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.body.paths)).toContain('/api/auth/login');
  });
});
