import { DEMO, startTestApp, type TestApp } from './support/test-app';
import { requestBody } from './support/emergency';

describe('Idempotency-Key on POST', () => {
  let t: TestApp;
  let coordinator: string;

  beforeAll(async () => {
    t = await startTestApp();
    coordinator = (await t.login(DEMO.coordinator)).accessToken;
  });
  afterAll(() => t.close());

  const count = async () => (await t.db.query(`SELECT count(*)::int AS n FROM emergency_requests`))[0].n as number;

  it('a retried emergency request with the same key creates one request and answers the first answer', async () => {
    const before = await count();
    const body = requestBody();
    const headers = { 'idempotency-key': 'retry-after-reset-0001' };
    const first = await t.request('POST', '/api/emergency-requests', { token: coordinator, body, headers });
    expect(first.status).toBe(201);
    const again = await t.request('POST', '/api/emergency-requests', { token: coordinator, body, headers });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.id).toBe(first.body.id);
    expect(await count()).toBe(before + 1);
  });

  it('runs concurrent duplicates once', async () => {
    const before = await count();
    const body = requestBody();
    const headers = { 'idempotency-key': 'double-tap-0002' };
    const answers = await Promise.all([1, 2, 3].map(() => t.request('POST', '/api/emergency-requests', { token: coordinator, body, headers })));
    expect(await count()).toBe(before + 1);
    const created = answers.filter((a) => a.status === 201);
    expect(new Set(created.map((a) => a.body.id)).size).toBe(1);
    for (const a of answers.filter((x) => x.status !== 201)) expect(a.status).toBe(409); // still running: retry later
  });

  it('refuses the same key for a different request, and keys are per user', async () => {
    const headers = { 'idempotency-key': 'reused-0003' };
    expect((await t.request('POST', '/api/emergency-requests', { token: coordinator, body: requestBody(), headers })).status).toBe(201);
    const other = await t.request('POST', '/api/emergency-requests', { token: coordinator, body: requestBody({ nights: 2 }), headers });
    expect(other.status).toBe(400);
    expect(other.body.details[0]).toMatchObject({ field: 'Idempotency-Key', code: 'reused' });
    const otherUser = (await t.login(DEMO.otherCoordinator)).accessToken;
    expect((await t.request('POST', '/api/emergency-requests', { token: otherUser, body: requestBody(), headers })).status).toBe(201);
  });

  it('lets a failed request be retried with its key, and without a key every POST runs', async () => {
    const headers = { 'idempotency-key': 'fails-then-works-0004' };
    const bad = await t.request('POST', '/api/emergency-requests', { token: coordinator, body: { ...requestBody(), nights: 0 }, headers });
    expect(bad.status).toBe(400);
    const before = await count();
    expect((await t.request('POST', '/api/emergency-requests', { token: coordinator, body: { ...requestBody(), nights: 0 }, headers })).status).toBe(400);
    expect(await count()).toBe(before);
    const malformed = await t.request('POST', '/api/emergency-requests', { token: coordinator, body: requestBody(), headers: { 'idempotency-key': 'ü' } });
    expect(malformed.status).toBe(400);
  });
});
