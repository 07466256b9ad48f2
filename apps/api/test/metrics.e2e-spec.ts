import { DEMO, nextEvent, startTestApp, type TestApp } from './support/test-app';
import { createUnit, today } from './support/units';

describe('metrics (Prometheus)', () => {
  let t: TestApp;
  const token = 'metrics-token-for-the-test-0123456789';

  beforeAll(async () => {
    t = await startTestApp({ METRICS_TOKEN: token });
  });
  afterAll(() => t.close());

  it('refuses a scrape without the metrics token', async () => {
    expect((await t.request('GET', '/api/metrics')).status).toBe(403);
    expect((await t.request('GET', '/api/metrics', { headers: { authorization: 'Bearer wrong' } })).status).toBe(403);
  });

  it('reports the event stream, sockets, HTTP latency by route, the pool and Redis', async () => {
    const staff = (await t.login(DEMO.providerStaff)).accessToken;
    const unit = await createUnit(t, staff);
    const s = t.socket(staff);
    await nextEvent(s, 'session:ready');
    const heard = nextEvent(s, 'vacancy:changed');
    await t.request('POST', `/api/units/${unit.id}/vacancies/adjust`, { token: staff, body: { night: today(), gender: 'any', delta: 1, expectedVersion: 1 } });
    await heard;
    const r = await t.request('GET', '/api/metrics', { headers: { authorization: `Bearer ${token}` } });
    expect(r.status).toBe(200);
    const value = (name: string) => Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(r.body)?.[1]);
    expect(value('akiwa_events_committed_total')).toBeGreaterThanOrEqual(2); // unit created, vacancy changed
    expect(value('akiwa_events_published_total')).toBeGreaterThanOrEqual(2);
    expect(value('akiwa_events_relayed')).toBeGreaterThanOrEqual(2);
    expect(value('akiwa_events_delivered')).toBeGreaterThanOrEqual(1);
    expect(value('akiwa_sockets')).toBe(1);
    expect(value('akiwa_redis_up')).toBe(-1);
    expect(value('akiwa_db_pool_max')).toBe(20);
    expect(r.body).toContain('akiwa_relay_lag_seconds');
    expect(r.body).toMatch(/akiwa_http_request_duration_seconds_count\{method="POST",route="\/api\/units\/:id\/vacancies\/adjust",status="200"\} 1/);
  });
});
