import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { adminQuery, testPersonalDataKey, withDatabase } from './postgres';

const ROOT = resolve(__dirname, '../../../..');
export const MAIN = join(ROOT, 'apps/api/dist/main.js');

/** A port nobody listens on now (other test runs and benchmarks share this machine). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export interface ServerRun {
  child: ChildProcess;
  output: () => string;
}

/** Spawns the built API (`node apps/api/dist/main.js`) with these environment variables. */
export function spawnServer(env: Record<string, string | undefined>): ServerRun {
  let out = '';
  const child = spawn(process.execPath, [MAIN], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  return { child, output: () => out };
}

export async function waitReady(url: string, run: ServerRun, ms = 60000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (run.child.exitCode !== null) throw new Error(`exited with ${run.child.exitCode}: ${run.output()}`);
    try {
      const r = await fetch(`${url}/api/health/ready`);
      if (r.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`not ready: ${run.output()}`);
}

let counter = 0;

/** The built API as its own process (so a crash is visible as an exit) on a fresh copy of the template database. */
export async function startServerProcess(
  overrides: Record<string, string> = {},
): Promise<ServerRun & { url: string; close(): Promise<void>; restart(signal?: NodeJS.Signals): Promise<void> }> {
  const admin = process.env.AKIWA_TEST_ADMIN_URL!;
  const database = `${process.env.AKIWA_TEST_RUN}_p${process.pid}_${counter++}`;
  await adminQuery(admin, `CREATE DATABASE ${database} TEMPLATE ${process.env.AKIWA_TEST_TEMPLATE}`);
  const dataDir = mkdtempSync(join(tmpdir(), 'akiwa-proc-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    WEB_DIST_DIR: '',
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: withDatabase(admin, database),
    JWT_SECRET: randomBytes(32).toString('base64url'),
    PERSONAL_DATA_KEY: testPersonalDataKey(),
    AUDIT_HMAC_KEY: randomBytes(32).toString('base64'),
    APP_DATABASE_PASSWORD: randomBytes(24).toString('base64url'),
    DEMO_DATA: 'false',
    ...overrides,
  };
  let run = spawnServer(env);
  await waitReady(url, run);
  const stop = async (signal: NodeJS.Signals) => {
    if (run.child.exitCode === null && run.child.signalCode === null) {
      const exited = new Promise((r) => run.child.once('exit', r));
      run.child.kill(signal);
      await exited;
    }
  };
  return {
    get child() {
      return run.child;
    },
    output: () => run.output(),
    url,
    /** Stops the process (SIGKILL: a crash) and starts a new one on the same database, port and keys. */
    async restart(signal: NodeJS.Signals = 'SIGKILL') {
      await stop(signal);
      run = spawnServer(env);
      await waitReady(url, run);
    },
    async close() {
      await stop('SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
      await adminQuery(admin, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    },
  };
}
