import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, connect } from 'node:net';
import { resolve } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, LoginResponse, ServerToClientEvents } from '@akiwa/contracts';
import { DEMO_PASSWORD } from '../../src/demo/demo-data';
import { adminQuery, testPersonalDataKey, withDatabase } from './postgres';

/** Child processes of the fault tests: their own redis-server, API instances from the built dist. */

const until = async (what: string, ms: number, check: () => Promise<boolean>) => {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${what} not within ${ms} ms`);
};

export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => res(port));
    });
  });
}

const canConnect = (port: number) =>
  new Promise<boolean>((res) => {
    const c = connect(port, '127.0.0.1');
    c.once('connect', () => (c.destroy(), res(true)));
    c.once('error', () => res(false));
  });

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((r) => child.once('exit', (code) => r(code)));
}

export interface RedisProcess {
  port: number;
  url: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** A redis-server of our own on a free port (never the machine's 6379); restartable on the same port. */
export async function redisServer(): Promise<RedisProcess> {
  const port = await freePort();
  let child: ChildProcess | null = null;
  const r: RedisProcess = {
    port,
    url: `redis://127.0.0.1:${port}`,
    async start() {
      child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
      await until('redis-server', 5000, () => canConnect(port));
    },
    async stop() {
      if (!child) return;
      const c = child;
      child = null;
      c.kill('SIGKILL');
      await exited(c);
    },
  };
  await r.start();
  return r;
}

/** A fresh copy of the migrated template database (with demo data). */
export async function testDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = process.env.AKIWA_TEST_ADMIN_URL!;
  const database = `${process.env.AKIWA_TEST_RUN}_p${process.pid}_${randomBytes(3).toString('hex')}`;
  await adminQuery(admin, `CREATE DATABASE ${database} TEMPLATE ${process.env.AKIWA_TEST_TEMPLATE}`);
  return { url: withDatabase(admin, database), drop: () => adminQuery(admin, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`) };
}

export interface ApiProcess {
  url: string;
  child: ChildProcess;
  output: () => string;
  exitCode: () => number | null | undefined;
  exited: Promise<number | null>;
  request<T = any>(method: string, path: string, opts?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<{ status: number; body: T; headers: Headers }>;
  login(email: string): Promise<LoginResponse>;
  socket(token: string, auth?: Record<string, unknown>): Socket<ServerToClientEvents, ClientToServerEvents>;
  kill(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Shared secrets, so a token issued by one instance is accepted by the others. */
export const sharedSecrets = () => ({
  JWT_SECRET: randomBytes(32).toString('base64url'),
  PERSONAL_DATA_KEY: testPersonalDataKey(),
  AUDIT_HMAC_KEY: randomBytes(32).toString('base64'),
  APP_DATABASE_PASSWORD: randomBytes(24).toString('base64url'),
});

/** `node apps/api/dist/main.js` (built by `npm test`) on a free port; resolves once it answers. */
export async function apiProcess(env: Record<string, string>): Promise<ApiProcess> {
  const port = await freePort();
  const main = resolve(__dirname, '../../dist/main.js');
  let out = '';
  const child = spawn(process.execPath, [main], {
    env: { PATH: process.env.PATH, NODE_ENV: 'test', LOG_LEVEL: 'warn', WEB_DIST_DIR: '', DEMO_DATA: 'false', HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const done = exited(child);
  const url = `http://127.0.0.1:${port}`;
  const sockets: Socket[] = [];
  await Promise.race([
    until(`API on ${port}`, 180000, async () => (await fetch(`${url}/api/health/live`)).ok),
    done.then((code) => {
      throw new Error(`API exited (${code}) at start:\n${out}`);
    }),
  ]);
  const request = async (method: string, path: string, opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {}) => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(url + path, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
    const text = await res.text();
    let body: any = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON */
    }
    return { status: res.status, body, headers: res.headers };
  };
  return {
    url,
    child,
    output: () => out,
    exitCode: () => child.exitCode,
    exited: done,
    request,
    async login(email) {
      const r = await request('POST', '/api/auth/login', { body: { email, password: DEMO_PASSWORD } });
      if (r.status !== 200) throw new Error(`login ${email}: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body;
    },
    socket(token, auth = {}) {
      const s = io(url, { transports: ['websocket'], auth: { token, ...auth }, reconnection: false, forceNew: true });
      sockets.push(s);
      return s;
    },
    async kill(signal = 'SIGKILL') {
      sockets.forEach((s) => s.disconnect());
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return done;
    },
  };
}
