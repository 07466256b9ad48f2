import type { Socket } from 'socket.io-client';
import type { EmergencyRequestView, RequestReceivedEvent, VacancyChangedEvent } from '@akiwa/contracts';
import { eventWhere, requestBody } from './support/emergency';
import { apiProcess, redisServer, sharedSecrets, testDatabase, type ApiProcess, type RedisProcess } from './support/processes';
import { DEMO, nextEvent } from './support/test-app';
import { today, unitBody } from './support/units';

// child processes start slowly on a loaded machine (each runs migrations and grants): generous hooks
jest.setTimeout(240_000);

/**
 * Redis is optional at runtime: two API processes share a redis-server of the test's own, which is
 * killed for at least 20 s during writes and a widening. No instance exits, each keeps serving HTTP and its sockets, every committed
 * event still reaches every board (through the outbox), an instance starts while Redis is down, and
 * the adapter (cross-instance socket.io operations) works again by itself when Redis returns.
 */
describe('fault: Redis down', () => {
  let redis: RedisProcess;
  let db: Awaited<ReturnType<typeof testDatabase>>;
  let env: Record<string, string>;
  const apis: ApiProcess[] = [];

  beforeAll(async () => {
    [redis, db] = await Promise.all([redisServer(), testDatabase()]);
    // an unanswered request widens every 3 s: municipality → region → prefecture
    env = { DATABASE_URL: db.url, REDIS_URL: redis.url, ...sharedSecrets(), EMERGENCY_POLL_INTERVAL_MS: '200', EMERGENCY_WIDEN_MINUTES: '0.05' };
    apis.push(...(await Promise.all([apiProcess(env), apiProcess(env)])));
  });
  afterAll(async () => {
    await Promise.all(apis.map((a) => a.kill()));
    await redis.stop();
    await db.drop();
  });

  /** Every vacancy version a socket heard. */
  const heard = (s: Socket) => {
    const versions: number[] = [];
    s.on('vacancy:changed', (e: VacancyChangedEvent) => versions.push(e.vacancyVersion));
    return versions;
  };

  const board = async (api: ApiProcess, token: string) => {
    const s = api.socket(token);
    await nextEvent(s, 'session:ready', 10000);
    expect(await s.timeout(5000).emitWithAck('vacancies:subscribe', { municipalityCode: '43213' })).toMatchObject({ ok: true });
    return s;
  };

  const ready = async (api: ApiProcess) => (await api.request('GET', '/api/health/ready')).body;

  it('keeps every instance serving while Redis is down, starts one without it, and resumes cross-instance delivery', async () => {
    const [a, b] = apis;
    const staff = (await a.login(DEMO.providerStaff)).accessToken;
    const coordinator = (await a.login(DEMO.coordinator)).accessToken;
    const unit = (await a.request('POST', '/api/units', { token: staff, body: unitBody({ municipalityCode: '43213' }) })).body;
    const onA = await board(a, coordinator);
    const onB = await board(b, coordinator);
    const heardA = heard(onA);
    const heardB = heard(onB);
    let version = 1;
    const adjust = (api: ApiProcess) =>
      api.request('POST', `/api/units/${unit.id}/vacancies/adjust`, { token: staff, body: { night: today(), gender: 'any', delta: version % 2 ? 1 : -1, expectedVersion: version } });

    // before: a write on a reaches b's board through Redis
    const crossBefore = nextEvent<VacancyChangedEvent>(onB, 'vacancy:changed', 5000);
    expect((await adjust(a)).status).toBe(200);
    expect((await crossBefore).vacancyVersion).toBe(++version);
    expect(await ready(a)).toMatchObject({ status: 'ok', database: 'up', redis: 'up' });

    await redis.stop();
    const downAt = Date.now();
    // writes on both instances while Redis is down: every one succeeds and reaches the boards on both
    // instances (events travel through the outbox, which needs PostgreSQL only)
    for (let i = 0; i < 6; i++) {
      const api = i % 2 ? b : a;
      const both = [onA, onB].map((s) => nextEvent<VacancyChangedEvent>(s, 'vacancy:changed', 5000));
      const r = await adjust(api);
      expect(r.status).toBe(200);
      ++version;
      for (const e of await Promise.all(both)) expect(e.vacancyVersion).toBe(version);
    }
    // a widening falls due during the outage: posted through a, it reaches a provider of the prefecture (熊本市) whose socket is on b
    const kumamoto = b.socket((await b.login('staff@kumamoto-chuo-ss.example')).accessToken);
    await nextEvent(kumamoto, 'session:ready', 10000);
    const widened = eventWhere<RequestReceivedEvent>(kumamoto, 'request:received', () => true, 30000);
    const posted = await a.request<EmergencyRequestView>('POST', '/api/emergency-requests', { token: coordinator, body: requestBody() });
    expect(posted.status).toBe(201);
    expect(posted.body.scope).toBe('municipality');
    expect((await widened).item.requestId).toBe(posted.body.id);
    expect((await b.request<EmergencyRequestView>('GET', `/api/emergency-requests/${posted.body.id}`, { token: coordinator })).body.scope).toBe('prefecture');
    expect(await ready(a)).toMatchObject({ status: 'ok', database: 'up', redis: 'down' });
    expect(await ready(b)).toMatchObject({ status: 'ok', database: 'up', redis: 'down' });
    // a third instance starts while Redis is down (degraded), and serves
    const c = await apiProcess(env);
    apis.push(c);
    expect(await ready(c)).toMatchObject({ status: 'ok', redis: 'down' });
    expect(a.exitCode()).toBeNull();
    expect(b.exitCode()).toBeNull();

    await new Promise((r) => setTimeout(r, Math.max(0, 20000 - (Date.now() - downAt)))); // down for 20 s at least
    expect([a, b, c].map((x) => x.exitCode())).toEqual([null, null, null]);
    await redis.start();
    for (const api of [a, b, c]) {
      const deadline = Date.now() + 10000;
      while ((await ready(api)).redis !== 'up' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(await ready(api)).toMatchObject({ redis: 'up' });
    }
    // after: cross-instance delivery has resumed by itself, both ways
    const onC = await board(c, coordinator);
    // every board hears this write (a's own too) before the next listener is armed, so none of them
    // can mistake this event for the next one
    const everywhere = [onA, onB, onC].map((s) => nextEvent<VacancyChangedEvent>(s, 'vacancy:changed', 5000));
    expect((await adjust(a)).status).toBe(200);
    ++version;
    for (const e of await Promise.all(everywhere)) expect(e.vacancyVersion).toBe(version);
    const toA = nextEvent<VacancyChangedEvent>(onA, 'vacancy:changed', 5000);
    expect((await adjust(b)).status).toBe(200);
    expect((await toA).vacancyVersion).toBe(++version);
    expect(heardA).toContain(version);
    expect(heardB).toContain(version - 1);
    expect([a, b, c].map((x) => x.exitCode())).toEqual([null, null, null]);
  });
});
