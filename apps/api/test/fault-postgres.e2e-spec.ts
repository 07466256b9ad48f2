import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { apiProcess, freePort, sharedSecrets, type ApiProcess } from './support/processes';

// child processes start slowly on a loaded machine (each runs migrations and grants): generous hooks
jest.setTimeout(240_000);

const STATEMENT_TIMEOUT_MS = 1500;

/** The postmaster and its children (every process of the test's own cluster), by pid. */
function clusterPids(dataDir: string): number[] {
  const postmaster = Number(readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
  const children = readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        return Number(readFileSync(`/proc/${d}/stat`, 'utf8').replace(/^.*\) /, '').split(' ')[1]) === postmaster;
      } catch {
        return false;
      }
    })
    .map(Number);
  return [postmaster, ...children];
}

/**
 * The API on a PostgreSQL of the test's own (never the machine's): frozen with SIGSTOP, requests
 * answer 503 with Retry-After within the statement timeout instead of hanging; resumed, the same
 * process serves again. Stopped outright, 503 too, and it recovers when the server is back.
 */
describe('fault: PostgreSQL stalls and stops', () => {
  let dir: string;
  let port: number;
  let pg: { url: string; stop: () => Promise<void> };
  let api: ApiProcess;
  let frozen: number[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'akiwa-fault-pg-'));
    port = await freePort();
    pg = await startEmbeddedPostgres(dir, port);
    api = await apiProcess({
      DATABASE_URL: pg.url,
      ...sharedSecrets(),
      DB_STATEMENT_TIMEOUT_MS: String(STATEMENT_TIMEOUT_MS),
      DB_CONNECT_TIMEOUT_MS: '1000',
    });
  });
  afterAll(async () => {
    for (const pid of frozen) process.kill(pid, 'SIGCONT');
    await api?.kill();
    await pg?.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  const login = () => api.request('POST', '/api/auth/login', { body: { email: 'nobody@akiwa.example', password: 'wrong-password-1' } });

  it('answers 503 with Retry-After within the statement timeout while frozen, and recovers without a restart', async () => {
    expect((await login()).status).toBe(401);
    frozen = clusterPids(dir);
    for (const pid of frozen) process.kill(pid, 'SIGSTOP');
    const t0 = Date.now();
    const [r, ready] = await Promise.all([login(), api.request('GET', '/api/health/ready')]);
    const took = Date.now() - t0;
    expect(r.status).toBe(503);
    expect(r.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(r.body).toMatchObject({ code: 'service_unavailable', message: { ja: expect.stringContaining('データベース'), en: expect.stringContaining('database') } });
    expect(took).toBeLessThan(STATEMENT_TIMEOUT_MS + 1500);
    expect(ready).toMatchObject({ status: 503, body: { database: 'down' } });

    for (const pid of frozen) process.kill(pid, 'SIGCONT');
    frozen = [];
    let after = await login();
    for (let i = 0; i < 50 && after.status !== 401; i++) after = await login();
    expect(after.status).toBe(401);
    expect((await api.request('GET', '/api/health/ready')).status).toBe(200);
  });

  it('answers 503 while the server is down and serves again once it is back', async () => {
    await pg.stop();
    const r = await login();
    expect(r.status).toBe(503);
    expect(r.headers.get('retry-after')).toMatch(/^\d+$/);
    pg = await startEmbeddedPostgres(dir, port);
    let after = await login();
    for (let i = 0; i < 50 && after.status !== 401; i++) after = await login();
    expect(after.status).toBe(401);
    expect(api.exitCode()).toBeNull();
  });
});
