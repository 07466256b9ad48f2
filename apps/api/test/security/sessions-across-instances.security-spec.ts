import { CSRF_HEADER } from '@akiwa/contracts';
import type { Socket } from 'socket.io-client';
import { apiProcess, redisServer, sharedSecrets, testDatabase, type ApiProcess, type RedisProcess } from '../support/processes';
import { DEMO, nextEvent } from '../support/test-app';

// child processes start slowly on a loaded machine (each runs migrations and grants): generous hooks
jest.setTimeout(300_000);

/** How (and how soon after `mark()`) a socket that got session:ready ends. */
async function liveSocket(api: ApiProcess, token: string) {
  const socket: Socket = api.socket(token);
  await nextEvent(socket, 'session:ready', 10000);
  let endedWith: string | undefined;
  socket.on('session:ended', ({ reason }: { reason: string }) => (endedWith = reason));
  let mark = 0;
  const disconnected = new Promise<{ reason: string; endedWith: string | undefined; afterMs: number }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the socket was not disconnected within 10 s')), 10000);
    socket.once('disconnect', (reason) => {
      clearTimeout(timer);
      resolve({ reason, endedWith, afterMs: Date.now() - mark });
    });
  });
  return { socket, mark: () => (mark = Date.now()), disconnected };
}

/**
 * Issue 8 across instances: two API processes share a redis-server of the test's own (the shipped
 * shape: nginx spreads users over api-1 and api-2). A logout or a deactivation handled by instance A
 * ends the sockets the same user holds on instance B within a second (through the session's room,
 * which the Redis adapter spans), and B refuses the old token at once (the session table).
 */
describe('security: sessions end on every instance', () => {
  let redis: RedisProcess;
  let db: Awaited<ReturnType<typeof testDatabase>>;
  let a: ApiProcess;
  let b: ApiProcess;

  beforeAll(async () => {
    [redis, db] = await Promise.all([redisServer(), testDatabase()]);
    const env = { DATABASE_URL: db.url, REDIS_URL: redis.url, ...sharedSecrets() };
    [a, b] = await Promise.all([apiProcess(env), apiProcess(env)]);
  });
  afterAll(async () => {
    await Promise.all([a, b].filter(Boolean).map((api) => api.kill()));
    await redis?.stop();
    await db?.drop();
  });

  it('logout on instance A disconnects the session’s socket on instance B within 1 s, with a reason', async () => {
    const s = await a.login(DEMO.coordinator);
    const other = await a.login(DEMO.coordinator); // another login of the same user: untouched
    const onB = await liveSocket(b, s.accessToken);
    const bystander = await liveSocket(b, other.accessToken);
    onB.mark();
    expect((await a.request('POST', '/api/auth/logout', { token: s.accessToken, headers: { [CSRF_HEADER]: '1' } })).status).toBe(204);
    const end = await onB.disconnected;
    expect(end).toMatchObject({ reason: 'io server disconnect', endedWith: 'logged_out' });
    expect(end.afterMs).toBeLessThan(1000);
    expect((await b.request('GET', '/api/auth/me', { token: s.accessToken })).status).toBe(401);
    expect(bystander.socket.connected).toBe(true);
    expect((await b.request('GET', '/api/auth/me', { token: other.accessToken })).status).toBe(200);
  });

  it('deactivation on instance A disconnects every socket of the user on instance B within 1 s', async () => {
    const admin = await a.login(DEMO.admin);
    const victim = await b.login(DEMO.otherProviderStaff);
    const onB = await liveSocket(b, victim.accessToken);
    const onA = await liveSocket(a, victim.accessToken);
    onB.mark();
    onA.mark();
    const off = await a.request('PATCH', `/api/admin/users/${victim.user.id}`, { token: admin.accessToken, body: { active: false } });
    expect(off.status).toBe(200);
    for (const end of await Promise.all([onB.disconnected, onA.disconnected])) {
      expect(end).toMatchObject({ reason: 'io server disconnect', endedWith: 'deactivated' });
      expect(end.afterMs).toBeLessThan(1000);
    }
    expect((await b.request('GET', '/api/auth/me', { token: victim.accessToken })).status).toBe(401);
  });
});
