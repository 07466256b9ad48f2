import { fieldLabel } from '@akiwa/contracts';
import { DEMO, startTestApp, type RequestOptions, type TestApp } from './support/test-app';

/** Every malformed request gets a 4xx in the one error shape; none reaches a 500. */
describe('malformed requests', () => {
  let t: TestApp;
  let admin: string;
  let orgId: string;
  beforeAll(async () => {
    t = await startTestApp();
    const s = await t.login(DEMO.admin);
    admin = s.accessToken;
    orgId = s.user.organisation.id;
  });
  afterAll(() => t.close());

  const json = { 'content-type': 'application/json' };
  const validUser = () => ({ email: 'ok@test.example', displayName: 'OK', role: 'admin', organisationId: orgId, password: 'a-long-password-1' });
  type Case = [name: string, method: string, path: string, opts: (c: { admin: string }) => RequestOptions, status: number, code: string, field: string | null];
  const cases: Case[] = [
    ['broken JSON', 'POST', '/api/auth/login', () => ({ rawBody: '{"email": "a@b.c",', headers: json }), 400, 'malformed_json', null],
    ['JSON array body', 'POST', '/api/auth/login', () => ({ body: [1, 2] }), 400, 'validation_failed', 'body'],
    ['JSON string body (strict JSON: objects only)', 'POST', '/api/auth/login', () => ({ rawBody: '"hello"', headers: json }), 400, 'malformed_json', null],
    ['JSON null body', 'POST', '/api/auth/login', () => ({ rawBody: 'null', headers: json }), 400, 'malformed_json', null],
    ['empty body', 'POST', '/api/auth/login', () => ({}), 400, 'validation_failed', 'body'],
    ['missing fields', 'POST', '/api/auth/login', () => ({ body: {} }), 400, 'validation_failed', 'email'],
    ['missing one field', 'POST', '/api/auth/login', () => ({ body: { email: 'a@b.example' } }), 400, 'validation_failed', 'password'],
    ['wrong type (number for string)', 'POST', '/api/auth/login', () => ({ body: { email: 'a@b.example', password: 12345 } }), 400, 'validation_failed', 'password'],
    ['wrong type (object for string)', 'POST', '/api/auth/login', () => ({ body: { email: { $ne: '' }, password: 'x' } }), 400, 'validation_failed', 'email'],
    ['unknown field', 'POST', '/api/auth/login', () => ({ body: { email: 'a@b.example', password: 'x', admin: true } }), 400, 'validation_failed', 'admin'],
    ['invalid email', 'POST', '/api/auth/login', () => ({ body: { email: 'not-an-email', password: 'x' } }), 400, 'validation_failed', 'email'],
    ['string too long', 'POST', '/api/auth/login', () => ({ body: { email: 'a@b.example', password: 'x'.repeat(300) } }), 400, 'validation_failed', 'password'],
    ['huge body', 'POST', '/api/auth/login', () => ({ body: { email: 'a@b.example', password: 'x'.repeat(400_000) } }), 413, 'payload_too_large', null],
    ['unsupported content type is not parsed', 'POST', '/api/auth/login', () => ({ rawBody: '<xml/>', headers: { 'content-type': 'application/xml' } }), 400, 'validation_failed', 'body'],
    ['enum value out of range', 'POST', '/api/admin/users', ({ admin }) => ({ token: admin, body: { ...validUser(), role: 'superuser' } }), 400, 'validation_failed', 'role'],
    ['malformed uuid in body', 'POST', '/api/admin/users', ({ admin }) => ({ token: admin, body: { ...validUser(), organisationId: 'abc' } }), 400, 'validation_failed', 'organisationId'],
    ['malformed uuid in path', 'PATCH', '/api/admin/users/123', ({ admin }) => ({ token: admin, body: { active: false } }), 400, 'validation_failed', 'id'],
    ['boolean given as string', 'PATCH', '/api/admin/users/00000000-0000-4000-8000-000000000000', ({ admin }) => ({ token: admin, body: { active: 'yes' } }), 400, 'validation_failed', 'active'],
    ['query not a number', 'GET', '/api/admin/organisations?limit=lots', ({ admin }) => ({ token: admin }), 400, 'validation_failed', 'limit'],
    ['query out of range', 'GET', '/api/admin/organisations?limit=100000', ({ admin }) => ({ token: admin }), 400, 'validation_failed', 'limit'],
    ['unknown query parameter', 'GET', '/api/admin/organisations?sort=name', ({ admin }) => ({ token: admin }), 400, 'validation_failed', 'sort'],
    ['unknown route', 'GET', '/api/no-such-thing', () => ({}), 404, 'route_not_found', null],
    ['unknown id', 'PATCH', '/api/admin/users/00000000-0000-4000-8000-000000000000', ({ admin }) => ({ token: admin, body: { active: false } }), 404, 'not_found', null],
    ['bad percent-encoding in path', 'GET', '/api/organisations/%E0%A4%A', ({ admin }) => ({ token: admin }), 400, 'validation_failed', null],
  ];

  it.each(cases)('%s', async (_name, method, path, opts, status, code, field) => {
    const r = await t.request(method, path, opts({ admin }));
    expect(r.status).toBe(status);
    expect(r.body).toMatchObject({ status, code, message: { ja: expect.any(String), en: expect.any(String) }, details: expect.any(Array) });
    if (field) {
      expect(r.body.details.map((d: { field: string }) => d.field)).toContain(field);
      const d = r.body.details.find((x: { field: string }) => x.field === field);
      // the person reads the field's Japanese label (「空床数」, not 「free」)
      expect(d.message.ja).toContain(`「${fieldLabel(field).ja}」`);
      expect(d.message.en).toContain(field);
    }
  });

  it('echoes a request id in the header and the error body', async () => {
    const r = await t.request('GET', '/api/no-such-thing', { headers: { 'x-request-id': 'trace-123' } });
    expect(r.headers.get('x-request-id')).toBe('trace-123');
    expect(r.body.requestId).toBe('trace-123');
  });
});
