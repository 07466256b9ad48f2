import { Client } from 'pg';
import type { Socket } from 'socket.io-client';
import { CSRF_HEADER, REFRESH_COOKIE_NAME, type ReplayResult, type VacancyChangedEvent } from '@akiwa/contracts';
import { DEMO_PASSWORD } from '../src/demo/demo-data';
import { apiProcess, sharedSecrets, testDatabase, type ApiProcess } from './support/processes';
import { DEMO, nextEvent } from './support/test-app';
import { today, unitBody } from './support/units';

// child processes start slowly on a loaded machine (each runs migrations and grants): generous hooks
jest.setTimeout(240_000);

type Heard = { eventId: number; version: number };

/**
 * Durable events across instance death: two API processes on one database (no Redis: each
 * instance's relay reads the outbox). Clients keep the last event id they saw and fail over to the
 * other instance with it; events committed by an instance that dies before publishing still arrive.
 */
describe('fault: instance killed mid-traffic', () => {
  let db: Awaited<ReturnType<typeof testDatabase>>;
  let env: Record<string, string>;
  let a: ApiProcess;
  let b: ApiProcess;
  let staff: string;
  let coordinator: string;
  let unitId: string;
  let version = 1;

  beforeAll(async () => {
    db = await testDatabase();
    env = { DATABASE_URL: db.url, ...sharedSecrets(), RELAY_POLL_INTERVAL_MS: '200' };
    [a, b] = await Promise.all([apiProcess(env), apiProcess(env)]);
    staff = (await b.login(DEMO.providerStaff)).accessToken;
    coordinator = (await b.login(DEMO.coordinator)).accessToken;
    unitId = (await b.request('POST', '/api/units', { token: staff, body: unitBody({ municipalityCode: '43213' }) })).body.id;
  });
  afterAll(async () => {
    await Promise.all([a, b].map((x) => x?.kill()));
    await db.drop();
  });

  const adjust = async (api: ApiProcess) => {
    const r = await api.request('POST', `/api/units/${unitId}/vacancies/adjust`, { token: staff, body: { night: today(), gender: 'any', delta: version % 2 ? 1 : -1, expectedVersion: version } });
    expect(r.status).toBe(200);
    return ++version;
  };

  /** A board socket of the area (43213 unless told), recording every vacancy event it hears. */
  const board = async (api: ApiProcess, heard: Heard[], auth: Record<string, unknown> = {}, area = '43213') => {
    const s = api.socket(coordinator, auth);
    s.on('vacancy:changed', (e: VacancyChangedEvent & { eventId: number }) => heard.push({ eventId: e.eventId, version: e.vacancyVersion }));
    await nextEvent(s, 'session:ready', 10000);
    expect(await s.timeout(5000).emitWithAck('vacancies:subscribe', { municipalityCode: area })).toMatchObject({ ok: true });
    return s;
  };

  const replay = async (s: Socket, after: number) => {
    const r = (await s.timeout(5000).emitWithAck('events:replay', { after })) as { ok: boolean; data: ReplayResult };
    expect(r.ok).toBe(true);
    return r.data;
  };

  // first, while both instances live (the tests below kill a)
  it('ends a session on every instance without Redis: its socket on the other instance is told why and disconnected', async () => {
    // a fresh login of the coordinator through b; its socket is on a (no Redis between them)
    const login = await b.request('POST', '/api/auth/login', { body: { email: DEMO.coordinator, password: DEMO_PASSWORD } });
    expect(login.status).toBe(200);
    const cookie = login.headers.getSetCookie().find((c) => c.startsWith(`${REFRESH_COOKIE_NAME}=`))!.split(';')[0];
    const s = a.socket(login.body.accessToken);
    await nextEvent(s, 'session:ready', 10000);
    const ended = nextEvent<{ reason: string; eventId?: number }>(s, 'session:ended', 10000);
    const gone = nextEvent<string>(s, 'disconnect', 10000);
    const other = await board(a, []); // another session of the same user stays
    expect((await b.request('POST', '/api/auth/logout', { headers: { cookie, [CSRF_HEADER]: '1' } })).status).toBe(204);
    expect(await ended).toMatchObject({ reason: 'logged_out', eventId: expect.any(Number) });
    expect(await gone).toBe('io server disconnect');
    expect(other.connected).toBe(true);
  });

  it('a client failing over with its last event id gets every event it missed exactly once, in order; other areas get none', async () => {
    const heard: Heard[] = [];
    const elsewhere: Heard[] = [];
    await board(a, heard);
    await board(a, elsewhere, {}, '43211');
    const first = version + 1;
    // traffic through b, while a (holding the clients) is killed after some events reached them
    const writes = (async () => {
      for (let i = 0; i < 40; i++) await adjust(b);
    })();
    while (heard.length < 10) await new Promise((r) => setTimeout(r, 5));
    await a.kill('SIGKILL');
    const lastSeen = heard[heard.length - 1].eventId;
    const seenBefore = heard.length;
    const missedFrom = version;
    while (version < missedFrom + 5) await new Promise((r) => setTimeout(r, 5)); // the client is away while writes go on
    // fail over to b with the last id seen: subscribe again, then replay
    const resumed = await board(b, heard, { lastEventId: lastSeen });
    const answer = await replay(resumed, lastSeen);
    expect(answer.reset).toBe(false);
    const other = await board(b, elsewhere, { lastEventId: lastSeen }, '43211');
    await replay(other, lastSeen);
    await writes;
    const last = version;
    while (heard[heard.length - 1]?.version !== last) await nextEvent(resumed, 'vacancy:changed', 5000);

    expect(answer.replayed).toBeGreaterThanOrEqual(5);
    expect(heard.length).toBeGreaterThan(seenBefore);
    expect(heard.map((h) => h.version)).toEqual(Array.from({ length: last - first + 1 }, (_, i) => first + i)); // every one, once, in order
    expect(heard.map((h) => h.eventId)).toEqual([...heard.map((h) => h.eventId)].sort((x, y) => x - y));
    expect(elsewhere).toEqual([]); // replay re-checks the rooms the socket is in now
  });

  it('delivers an event committed by an instance that died before any relay published it', async () => {
    a = await apiProcess(env);
    const heard: Heard[] = [];
    await board(b, heard);
    // hold the sequencer lock: no relay can publish, as if the writer crashed between commit and publish
    const blocker = new Client({ connectionString: env.DATABASE_URL });
    await blocker.connect();
    await blocker.query('SELECT pg_advisory_lock($1)', [0x616b6977]);
    try {
      const v = await adjust(a);
      await a.kill('SIGKILL');
      await new Promise((r) => setTimeout(r, 500));
      expect(heard).toEqual([]); // committed, not published
      const [{ n }] = (await blocker.query(`SELECT count(*)::int AS n FROM outbox_events WHERE position IS NULL`)).rows;
      expect(n).toBe(1);
      const arrived = nextEvent<VacancyChangedEvent>((await board(b, [])) as Socket, 'vacancy:changed', 5000);
      await blocker.query('SELECT pg_advisory_unlock($1)', [0x616b6977]);
      expect((await arrived).vacancyVersion).toBe(v);
      expect(heard.map((h) => h.version)).toEqual([v]);
    } finally {
      await blocker.end();
    }
  });

});
