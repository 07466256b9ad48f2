import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_TRIAL_PERSON } from '../src/trial-stays/trial-demo';
import { freePort, spawnServer, waitReady, type ServerRun } from './support/server-process';
import { DEMO } from './support/test-app';

/** `npm start` as a user runs it: DATABASE_URL unset → embedded PostgreSQL in a project-local folder. */
function start(dataDir: string, port: number, pgPort: number): ServerRun {
  return spawnServer({ DATA_DIR: dataDir, PORT: String(port), EMBEDDED_PG_PORT: String(pgPort), WEB_DIST_DIR: '', LOG_LEVEL: 'warn', DATABASE_URL: undefined });
}

async function login(url: string, email: string) {
  const r = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'akiwa-demo-2026' }) });
  expect(r.status).toBe(200);
  return ((await r.json()) as { accessToken: string }).accessToken;
}

describe('npm start on embedded PostgreSQL', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'akiwa-start-'));
  let port = 0;
  let pgPort = 0;
  let url = '';
  let run: ReturnType<typeof start> | undefined;

  beforeAll(async () => {
    [port, pgPort] = await Promise.all([freePort(), freePort()]);
    url = `http://127.0.0.1:${port}`;
  });

  afterAll(async () => {
    if (run?.child.exitCode === null) {
      run.child.kill('SIGINT');
      await new Promise((r) => run!.child.once('exit', r));
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts with demo data, prints the URL and logins, and keeps data across a kill -9 and restart', async () => {
    run = start(dataDir, port, pgPort);
    await waitReady(url, run);
    expect(run.output()).toContain(`http://localhost:${port}`);
    expect(run.output()).toContain(DEMO.coordinator);

    const admin = await login(url, DEMO.admin);
    const created = await fetch(`${url}/api/admin/organisations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: JSON.stringify({ name: '再起動テスト短期入所', kind: 'provider', municipalityCode: '43348' }),
    });
    expect(created.status).toBe(201);

    run.child.kill('SIGKILL');
    await new Promise((r) => run!.child.once('exit', r));

    run = start(dataDir, port, pgPort);
    await waitReady(url, run);
    const again = await login(url, DEMO.admin); // the same signing secret survived too
    const list = await fetch(`${url}/api/admin/organisations?limit=200`, { headers: { authorization: `Bearer ${again}` } });
    const names = ((await list.json()) as { items: { name: string }[] }).items.map((o) => o.name);
    expect(names).toContain('再起動テスト短期入所');
    expect(names.filter((n) => n === '宇城圏域基幹相談支援センター')).toHaveLength(1); // demo load is idempotent
    // the demo's persons were sealed with the app's own key (kept beside the database): they read, once
    const persons = await fetch(`${url}/api/trial-persons`, { headers: { authorization: `Bearer ${await login(url, DEMO.coordinator)}` } });
    expect(persons.status).toBe(200);
    expect(((await persons.json()) as { displayName: string }[]).filter((p) => p.displayName === DEMO_TRIAL_PERSON)).toHaveLength(1);
  });
});
