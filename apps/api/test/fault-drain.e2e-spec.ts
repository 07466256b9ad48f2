import { Agent, request } from 'node:http';
import { apiProcess, sharedSecrets, testDatabase, type ApiProcess } from './support/processes';
import { DEMO, nextEvent } from './support/test-app';

// child processes start slowly on a loaded machine (each runs migrations and grants): generous hooks
jest.setTimeout(240_000);

/**
 * SIGTERM under load: readiness answers 503 at once, sockets are told `server:draining`, requests in
 * flight finish, a new connection is refused (nginx retries it elsewhere) — no request ever sees a
 * reset — and the process exits 0.
 */
describe('fault: SIGTERM under load', () => {
  let db: Awaited<ReturnType<typeof testDatabase>>;
  let api: ApiProcess;

  beforeAll(async () => {
    db = await testDatabase();
    api = await apiProcess({ DATABASE_URL: db.url, ...sharedSecrets(), SHUTDOWN_GRACE_MS: '10000' });
  });
  afterAll(async () => {
    await api.kill();
    await db.drop();
  });

  it('drains: no reset, readiness 503 at once, sockets told, exit 0', async () => {
    const token = (await api.login(DEMO.coordinator)).accessToken;
    const socket = api.socket(token);
    await nextEvent(socket, 'session:ready', 10000);
    const draining = nextEvent(socket, 'server:draining', 10000);
    const disconnected = nextEvent<string>(socket, 'disconnect', 10000);

    let sigtermAt = 0;
    let servedWhileDraining = 0;
    const failures: string[] = [];
    const readiness: number[] = [];
    /**
     * One keep-alive connection per loop, as a proxy's upstream pool has. A loop stops once a response
     * says `Connection: close` (the instance is draining: a load balancer takes it out of rotation).
     */
    const loop = (path: string, onStatus: (s: number) => void) =>
      new Promise<void>((done) => {
        const agent = new Agent({ keepAlive: true, maxSockets: 1 });
        const next = () => {
          const req = request(api.url + path, { agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
            res.resume();
            res.on('end', () => {
              onStatus(res.statusCode!);
              if (sigtermAt && res.statusCode === 200) servedWhileDraining++;
              if (res.headers.connection === 'close') return agent.destroy(), done();
              next();
            });
          });
          req.on('error', (e: NodeJS.ErrnoException) => {
            failures.push(e.code ?? e.message);
            agent.destroy();
            done();
          });
          req.end();
        };
        next();
      });
    const loops = [
      ...Array.from({ length: 8 }, () => loop('/api/emergency-requests', (s) => s !== 200 && failures.push(`status ${s}`))),
      loop('/api/health/ready', (s) => sigtermAt && readiness.push(s)),
    ];
    await new Promise((r) => setTimeout(r, 400));
    sigtermAt = Date.now();
    api.child.kill('SIGTERM');
    expect(await draining).toEqual({ reconnectInMs: 0 });
    expect(await disconnected).toBe('transport close'); // a transport close: the client reconnects by itself
    await Promise.all(loops);
    // once the listener is closed a new connection is refused (nginx retries it on another instance), never reset
    const refused = await new Promise<string>((r) => request(api.url + '/api/health/live', (res) => r(`status ${res.statusCode}`)).on('error', (e: NodeJS.ErrnoException) => r(e.code!)).end());
    expect(refused).toBe('ECONNREFUSED');
    const code = await api.exited;
    expect(failures).toEqual([]);
    expect(code).toBe(0);
    expect(readiness).toContain(503); // (one check may have been in flight at the signal)
    expect(readiness.slice(readiness.indexOf(503)).every((s) => s === 503)).toBe(true);
    expect(servedWhileDraining).toBeGreaterThan(0); // requests in flight at the signal were answered
  });
});
