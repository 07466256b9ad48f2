import { Client } from 'pg';
import { MetricsRegistry } from '../src/metrics/metrics.registry';
import { DEMO, startTestApp, type TestApp } from './support/test-app';
import { createUnit, today } from './support/units';

/**
 * Overload is graceful (issue 9): beyond capacity a request gets 503 + Retry-After at once instead of
 * waiting in a backlog. Capacity here is one request in flight and one waiting; the request in flight
 * is held by a row lock the test takes, so which request is refused, and why, is deterministic.
 */
describe('overload: a bounded queue in front of the API', () => {
  let t: TestApp;
  let staff: string;
  let unitId: string;
  const waitMs = 400;

  beforeAll(async () => {
    t = await startTestApp({ HTTP_MAX_IN_FLIGHT: '1', HTTP_MAX_QUEUE: '1', HTTP_MAX_QUEUE_WAIT_MS: String(waitMs) });
    staff = (await t.login(DEMO.providerStaff)).accessToken;
    unitId = (await createUnit(t, staff)).id;
  });
  afterAll(() => t.close());

  const adjust = async () => {
    const [{ version }] = await t.owner('SELECT vacancy_version AS version FROM units WHERE id = $1', [unitId]);
    return t.request('POST', `/api/units/${unitId}/vacancies/adjust`, { token: staff, body: { night: today(), gender: 'any', delta: 1, expectedVersion: version } });
  };

  it('refuses beyond the queue at once, refuses a request that waited too long, and serves the one it took', async () => {
    const lock = new Client({ connectionString: t.env.DATABASE_URL });
    await lock.connect();
    try {
      await lock.query('BEGIN');
      await lock.query('SELECT id FROM units WHERE id = $1 FOR UPDATE', [unitId]);
      const held = adjust(); // takes the one place, then waits for the row lock
      await until(async () => (await metric('akiwa_http_in_flight')) === 1);
      const queued = adjust(); // waits for a place
      await until(async () => (await metric('akiwa_http_queued')) === 1);

      const t0 = Date.now();
      const refused = await t.request('GET', '/api/units', { token: staff }); // the queue is full
      expect(Date.now() - t0).toBeLessThan(waitMs); // not made to wait first
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('1');
      expect(refused.body).toMatchObject({ status: 503, code: 'service_unavailable', message: { ja: expect.stringContaining('混み合っています') } });

      // operators still see the instance while it is saturated
      expect((await t.request('GET', '/api/health/live')).status).toBe(200);

      const late = await queued;
      expect(late.status).toBe(503); // waited past HTTP_MAX_QUEUE_WAIT_MS
      expect(late.headers.get('retry-after')).toBe('1');

      await lock.query('ROLLBACK');
      expect((await held).status).toBe(200); // the accepted request is served, not dropped
    } finally {
      await lock.end();
    }
    // the places were given back
    expect((await adjust()).status).toBe(200);
    expect(await metric('akiwa_http_in_flight')).toBe(0);
    expect(await metric('akiwa_http_shed_total', 'queue_full')).toBe(1);
    expect(await metric('akiwa_http_shed_total', 'queue_timeout')).toBe(1);
  });

  it('gives the place back when a client leaves while its request waits', async () => {
    const lock = new Client({ connectionString: t.env.DATABASE_URL });
    await lock.connect();
    try {
      await lock.query('BEGIN');
      await lock.query('SELECT id FROM units WHERE id = $1 FOR UPDATE', [unitId]);
      const held = adjust();
      await until(async () => (await metric('akiwa_http_in_flight')) === 1);
      const abort = new AbortController();
      const gone = fetch(`${t.url}/api/units`, { headers: { authorization: `Bearer ${staff}` }, signal: abort.signal }).catch(() => 'aborted');
      await until(async () => (await metric('akiwa_http_queued')) === 1);
      abort.abort();
      expect(await gone).toBe('aborted');
      await until(async () => (await metric('akiwa_http_queued')) === 0);
      await lock.query('ROLLBACK');
      expect((await held).status).toBe(200);
    } finally {
      await lock.end();
    }
    expect((await t.request('GET', '/api/units', { token: staff })).status).toBe(200);
  });

  async function metric(name: string, reason?: string): Promise<number> {
    const text: string = await t.app.get(MetricsRegistry).registry.metrics();
    const label = reason ? `\\{reason="${reason}"\\}` : '';
    return Number(new RegExp(`^${name}${label} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
  }
});

async function until(check: () => Promise<boolean>, timeoutMs = 10_000) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 20));
  }
}
