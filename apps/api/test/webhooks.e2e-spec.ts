import { createHmac, timingSafeEqual } from 'node:crypto';
import { globalAgent } from 'node:https';
import type { CreatedWebhookEndpoint, VacancyChangedEvent, WebhookEndpointView, WebhookPayload } from '@akiwa/contracts';
import { TestClock } from '../src/common/time/clock';
import { WebhookDispatcher } from '../src/webhooks/webhook-dispatcher.service';
import { DEMO, startTestApp, type TestApp } from './support/test-app';
import { createUnit, inDays, setRange, today } from './support/units';
import { startReceiver, type Receiver } from './support/webhook-receiver';

/** What a receiver does with a delivery, written from the README's instructions with node:crypto only. */
function verify(secret: string, header: string, rawBody: string): { ok: boolean; t: number } {
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=') as [string, string]));
  const expected = createHmac('sha256', secret).update(`${parts.t}.${rawBody}`).digest();
  const given = Buffer.from(parts.v1 ?? '', 'hex');
  return { ok: given.length === expected.length && timingSafeEqual(given, expected), t: Number(parts.t) };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const BASE_MS = 60_000;
const METRICS_TOKEN = 'metrics-token-for-the-webhook-test';

describe('webhooks', () => {
  let t: TestApp;
  let clock: TestClock;
  let admin: string;
  let otherAdmin: string;
  let staff: string;
  let receiver: Receiver;
  let httpsReceiver: Receiver;

  beforeAll(async () => {
    // the API's HTTPS agent starts from the process's TLS options: it trusts this receiver's certificate
    httpsReceiver = await startReceiver({ https: true });
    globalAgent.options.ca = [httpsReceiver.cert!];
    clock = new TestClock(new Date());
    t = await startTestApp(
      {
        WEBHOOK_ALLOW_LOOPBACK: 'true',
        METRICS_TOKEN: METRICS_TOKEN,
        WEBHOOK_RETRY_BASE_MS: String(BASE_MS),
        WEBHOOK_MAX_ATTEMPTS: '6',
        WEBHOOK_DISABLE_AFTER_FAILURES: '3',
        WEBHOOK_TIMEOUT_MS: '2000',
        // passes come from the outbox's NOTIFY and from the test's wake(), not from a timer
        WEBHOOK_POLL_INTERVAL_MS: '600000',
      },
      { clock },
    );
    admin = (await t.login(DEMO.admin)).accessToken;
    staff = (await t.login(DEMO.providerStaff)).accessToken;
    const org = await t.request('POST', '/api/admin/organisations', { token: admin, body: { name: '熊本県 障がい福祉課 システム担当', kind: 'administrator' } });
    expect(org.status).toBe(201);
    const user = await t.request('POST', '/api/admin/users', {
      token: admin,
      body: { email: 'admin@pref.kumamoto.example', displayName: '県 管理者', role: 'admin', organisationId: org.body.id, password: 'a-long-password-1' },
    });
    expect(user.status).toBe(201);
    otherAdmin = (await t.login('admin@pref.kumamoto.example', 'a-long-password-1')).accessToken;
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver?.close();
    await httpsReceiver?.close();
    await t?.close();
  });
  beforeEach(() => {
    receiver.got.length = 0;
    receiver.answer = 200;
  });

  const register = async (body: object, token = admin) => {
    const r = await t.request('POST', '/api/admin/webhooks', { token, body });
    expect(r.status).toBe(201);
    return r.body as CreatedWebhookEndpoint;
  };
  const endpoint = async (id: string) => (await t.request('GET', `/api/admin/webhooks/${id}`, { token: admin })).body as WebhookEndpointView;
  const wake = () => t.app.get(WebhookDispatcher).wake();

  it('registers, lists and deletes endpoints of the admin’s own organisation only; another organisation’s admin gets 404', async () => {
    const e = await register({ url: receiver.url, regionId: '43-uki', name: '県 医療情報システム' });
    expect(e).toMatchObject({ url: receiver.url, area: { regionId: '43-uki' }, name: '県 医療情報システム', disabledAt: null, consecutiveFailures: 0 });
    expect(e.secret).toMatch(/^whsec_[\w-]{43}$/);

    const mine = await t.request('GET', '/api/admin/webhooks', { token: admin });
    expect(mine.body.map((x: WebhookEndpointView) => x.id)).toContain(e.id);
    expect(JSON.stringify(mine.body)).not.toContain(e.secret);
    const theirs = await t.request('GET', '/api/admin/webhooks', { token: otherAdmin });
    expect(theirs.body).toEqual([]);
    for (const [method, path] of [['GET', ''], ['GET', '/deliveries'], ['POST', '/enable'], ['DELETE', '']] as const) {
      const r = await t.request(method, `/api/admin/webhooks/${e.id}${path}`, { token: otherAdmin });
      expect([method, path, r.status]).toEqual([method, path, 404]);
    }
    expect((await t.request('GET', '/api/admin/webhooks', { token: staff })).status).toBe(403);

    expect((await t.request('DELETE', `/api/admin/webhooks/${e.id}`, { token: admin })).status).toBe(204);
    expect((await t.request('GET', `/api/admin/webhooks/${e.id}`, { token: admin })).status).toBe(404);
  });

  it('refuses plain http, private networks and a bad area with 400 naming the field', async () => {
    const cases: [object, string, string][] = [
      [{ url: 'http://hooks.example.jp/akiwa', regionId: '43-uki' }, 'url', 'https_required'],
      [{ url: 'https://10.1.2.3/akiwa', regionId: '43-uki' }, 'url', 'private_network'],
      [{ url: 'https://169.254.169.254/latest/meta-data', regionId: '43-uki' }, 'url', 'private_network'],
      [{ url: 'https://[::ffff:192.168.0.1]/akiwa', regionId: '43-uki' }, 'url', 'private_network'],
      [{ url: 'https://[fd00::1]/akiwa', regionId: '43-uki' }, 'url', 'private_network'],
      [{ url: 'https://user:pw@hooks.example.jp/akiwa', regionId: '43-uki' }, 'url', 'credentials'],
      [{ url: 'not a url', regionId: '43-uki' }, 'url', 'invalid'],
      [{ url: receiver.url, regionId: '43-uki', prefectureCode: '43' }, 'area', 'exactly_one_area'],
      [{ url: receiver.url }, 'municipalityCode', 'area_required'],
      [{ url: receiver.url, regionId: '99-nowhere' }, 'regionId', 'unknown_region'],
    ];
    for (const [body, field, code] of cases) {
      const r = await t.request('POST', '/api/admin/webhooks', { token: admin, body });
      expect([body, r.status, r.body.details?.[0]?.field]).toEqual([body, 400, field]);
      if (code !== 'unknown_region') expect([body, r.body.details[0].code]).toEqual([body, code]);
      expect(r.body.message.ja).toContain(field === 'url' ? 'URL' : '');
    }
  });

  it('delivers a vacancy change in the endpoint’s area over HTTPS, signed (HMAC-SHA256 over timestamp and body), and nothing for another area', async () => {
    const e = await register({ url: `${httpsReceiver.url}?to=uki`, municipalityCode: '43213' });
    const elsewhere = await register({ url: `${receiver.url}?to=uto`, municipalityCode: '43211' });
    const u = await createUnit(t, staff, { municipalityCode: '43213' });
    await setRange(t, staff, u.id, today(), inDays(1), 2);

    const [got] = await httpsReceiver.until(1);
    await sleep(300);
    expect(httpsReceiver.got.map((g) => g.path)).toEqual(['/hooks/akiwa?to=uki']);
    expect(receiver.got).toEqual([]);
    const sig = verify(e.secret, String(got.headers['akiwa-signature']), got.body);
    expect(sig.ok).toBe(true);
    expect(sig.t).toBe(Math.floor(clock.now().getTime() / 1000));
    expect(verify(elsewhere.secret, String(got.headers['akiwa-signature']), got.body).ok).toBe(false);
    const payload = JSON.parse(got.body) as WebhookPayload<VacancyChangedEvent>;
    expect(payload).toMatchObject({ id: got.headers['akiwa-delivery'], type: 'vacancy.changed', data: { unitId: u.id, municipalityCode: '43213', reason: 'edit' } });
    expect(got.headers['akiwa-event']).toBe('vacancy.changed');
    expect(payload.data.nights.map((n) => [n.night, n.free])).toEqual([[today(), 2], [inDays(1), 2]]);

    const deliveries = (await t.request('GET', `/api/admin/webhooks/${e.id}/deliveries`, { token: admin })).body;
    expect(deliveries).toEqual([expect.objectContaining({ id: payload.id, eventId: payload.eventId, status: 'delivered', attempts: 1, lastStatus: 200 })]);
    expect((await endpoint(e.id)).lastSuccessAt).not.toBeNull();

    // kept as long as the events are, then pruned
    const deliveriesOf = async () => (await t.request('GET', `/api/admin/webhooks/${e.id}/deliveries`, { token: admin })).body;
    await t.app.get(WebhookDispatcher).prune();
    expect(await deliveriesOf()).toHaveLength(1);
    const now = clock.now();
    clock.advance(t.env.EVENT_RETENTION_DAYS * 86_400_000 + 1000);
    await t.app.get(WebhookDispatcher).prune();
    clock.set(now);
    expect(await deliveriesOf()).toEqual([]);
    for (const x of [e, elsewhere]) await t.request('DELETE', `/api/admin/webhooks/${x.id}`, { token: admin });
  });

  it('counts a 2xx as delivered and cuts off an answer that never ends', async () => {
    receiver.answer = 'endless';
    const e = await register({ url: receiver.url, municipalityCode: '43443' });
    const u = await createUnit(t, staff, { municipalityCode: '43443' });
    await setRange(t, staff, u.id, today(), today(), 1);
    await receiver.until(1);
    // well before WEBHOOK_TIMEOUT_MS (2 s): cut off for its size
    const end = Date.now() + 1500;
    while (receiver.cutOff < 1 && Date.now() < end) await sleep(50);
    expect(receiver.cutOff).toBe(1);
    const [d] = (await t.request('GET', `/api/admin/webhooks/${e.id}/deliveries`, { token: admin })).body;
    expect(d).toMatchObject({ status: 'delivered', lastStatus: 200 });
    await t.request('DELETE', `/api/admin/webhooks/${e.id}`, { token: admin });
  });

  it('retries a failing endpoint with backoff on the clock, disables it after repeated failures, and resumes when enabled', async () => {
    receiver.answer = 500;
    const e = await register({ url: receiver.url, municipalityCode: '43348' });
    const u = await createUnit(t, staff, { municipalityCode: '43348' });
    await setRange(t, staff, u.id, today(), today(), 1);
    await receiver.until(1);
    await sleep(100);
    expect(await endpoint(e.id)).toMatchObject({ consecutiveFailures: 1, lastError: 'HTTP 500', disabledAt: null });

    // not before its time: the first retry waits BASE_MS, the second twice as long
    const attemptsAfter = async (ms: number) => {
      clock.advance(ms);
      await wake();
      return receiver.got.length;
    };
    expect(await attemptsAfter(0)).toBe(1);
    expect(await attemptsAfter(BASE_MS - 1000)).toBe(1);
    expect(await attemptsAfter(1000)).toBe(2);
    expect(await attemptsAfter(2 * BASE_MS - 1000)).toBe(2);
    expect(await attemptsAfter(1000)).toBe(3);
    expect(new Set(receiver.got.map((g) => g.headers['akiwa-delivery'])).size).toBe(1);

    const disabled = await endpoint(e.id);
    expect(disabled).toMatchObject({ consecutiveFailures: 3, lastError: 'HTTP 500', disabledAt: clock.now().toISOString() });
    expect((await t.request('GET', '/api/admin/webhooks', { token: admin })).body.find((x: WebhookEndpointView) => x.id === e.id).disabledAt).not.toBeNull();

    // disabled: neither the pending retry nor a new change is sent
    await setRange(t, staff, u.id, inDays(1), inDays(1), 1);
    expect(await attemptsAfter(24 * 3600_000)).toBe(3);

    receiver.answer = 200;
    const enabled = await t.request('POST', `/api/admin/webhooks/${e.id}/enable`, { token: admin });
    expect(enabled.body).toMatchObject({ disabledAt: null, consecutiveFailures: 0 });
    await wake();
    expect(receiver.got.length).toBe(4);
    expect(receiver.got[3].headers['akiwa-delivery']).toBe(receiver.got[0].headers['akiwa-delivery']);
    expect(await endpoint(e.id)).toMatchObject({ consecutiveFailures: 0, disabledAt: null });

    // what an operator sees
    const scrape = await t.request('GET', '/api/metrics', { token: METRICS_TOKEN });
    const value = (series: string) => Number(new RegExp(`^${series.replace(/[{}]/g, '\\$&')} (\\S+)$`, 'm').exec(scrape.body)?.[1]);
    expect(value('akiwa_webhook_attempts_total{outcome="failed"}')).toBe(3);
    expect(value('akiwa_webhook_attempts_total{outcome="delivered"}')).toBeGreaterThanOrEqual(2);
    expect(value('akiwa_webhook_endpoints_disabled_total')).toBe(1);
    expect(value('akiwa_webhook_deliveries_pending')).toBe(0);
  });
});
