import { createHmac } from 'node:crypto';
import { DEMO_PASSWORD } from '../src/demo/demo-data';
import { startServerProcess } from './support/server-process';
import { DEMO } from './support/test-app';
import { inDays, today, unitBody } from './support/units';
import { startReceiver, type Receiver } from './support/webhook-receiver';

type Server = Awaited<ReturnType<typeof startServerProcess>>;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Deliveries are rows, not memory: the API killed while a delivery is in flight sends it again after
 * a restart, with the same delivery id, once; and an event delivered before a restart is not sent again.
 */
describe('webhook deliveries across API restarts', () => {
  let server: Server;
  let receiver: Receiver;

  beforeAll(async () => {
    receiver = await startReceiver();
    // the lease of a claimed delivery is 2 × timeout + 5 s: a delivery whose sender died is retried after ~7 s
    server = await startServerProcess({ WEBHOOK_ALLOW_LOOPBACK: 'true', WEBHOOK_TIMEOUT_MS: '1000', WEBHOOK_POLL_INTERVAL_MS: '200' });
  });
  afterAll(async () => {
    await server?.close();
    await receiver?.close();
  });

  const api = async (method: string, path: string, token?: string, body?: unknown) => {
    const res = await fetch(server.url + path, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  const login = async (email: string) => (await api('POST', '/api/auth/login', undefined, { email, password: DEMO_PASSWORD })).body.accessToken as string;
  const ids = () => receiver.got.map((g) => String(g.headers['akiwa-delivery']));

  it('re-sends the delivery in flight when the API was killed, with the same id, and never re-sends a delivered one', async () => {
    const admin = await login(DEMO.admin);
    const staff = await login(DEMO.providerStaff);
    const hook = await api('POST', '/api/admin/webhooks', admin, { url: receiver.url, municipalityCode: '43213' });
    expect(hook.status).toBe(201);
    const unit = await api('POST', '/api/units', staff, unitBody({ municipalityCode: '43213' }));
    expect(unit.status).toBe(201);

    receiver.answer = 'hang';
    const set = await api('PUT', `/api/units/${unit.body.id}/vacancies/range`, staff, { from: today(), to: today(), gender: 'any', free: 1, expectedVersion: 1 });
    expect(set.status).toBe(200);
    await receiver.until(1);
    const [first] = ids();

    // killed mid-request: the attempt was never answered nor recorded
    receiver.answer = 200;
    await server.restart('SIGKILL');
    const [, again] = await receiver.until(2, 20_000);
    expect(again.headers['akiwa-delivery']).toBe(first);
    const header = String(again.headers['akiwa-signature']);
    const t = header.match(/t=(\d+)/)![1];
    expect(header).toContain(`v1=${createHmac('sha256', hook.body.secret).update(`${t}.${again.body}`).digest('hex')}`);
    expect(JSON.parse(again.body)).toMatchObject({ id: first, data: { unitId: unit.body.id } });

    // delivered: a graceful restart and a crash send it neither again nor under a new id
    await sleep(1000);
    await server.restart('SIGTERM');
    await server.restart('SIGKILL');
    const adminAfter = await login(DEMO.admin);
    const next = await api('PUT', `/api/units/${unit.body.id}/vacancies/range`, await login(DEMO.providerStaff), { from: inDays(1), to: inDays(1), gender: 'any', free: 1, expectedVersion: 2 });
    expect(next.status).toBe(200);
    await receiver.until(3, 10_000);
    await sleep(1000);
    expect(ids()).toEqual([first, first, expect.any(String)]);
    expect(ids()[2]).not.toBe(first);
    const deliveries = await api('GET', `/api/admin/webhooks/${hook.body.id}/deliveries`, adminAfter);
    expect(deliveries.body.map((d: { status: string; attempts: number }) => [d.status, d.attempts])).toEqual([['delivered', 1], ['delivered', 2]]);
  });
});
