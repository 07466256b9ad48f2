'use strict';
/** Starts the compiled API as a child process against the scratch database, and talks HTTP to it. */
const { spawn } = require('node:child_process');
const crypto = require('node:crypto');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const webPush = require('web-push');
const { PERSONAL_DATA_KEY } = require('./db');

const ROOT = path.join(__dirname, '..', '..');
const MAIN = path.join(ROOT, 'apps', 'api', 'dist', 'main.js');
const DEMO_PASSWORD = 'akiwa-demo-2026';

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Spawns node with a raised open-files limit (through bash's ulimit), with an IPC channel. */
function spawnNode(args, { env = {}, name = 'child', ipc = true } = {}) {
  const cmd = `ulimit -n $(ulimit -Hn) 2>/dev/null; exec "$0" "$@"`;
  const child = spawn('bash', ['-c', cmd, process.execPath, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
  });
  const log = [];
  const keep = (buf) => {
    for (const line of buf.toString().split('\n')) if (line.trim()) log.push(line.slice(0, 500));
    if (log.length > 200) log.splice(0, log.length - 200);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  child.log = log;
  child.label = name;
  let nextId = 0;
  const pending = new Map();
  child.on('message', (m) => {
    if (m && m.id !== undefined && pending.has(`${m.type}:${m.id}`)) {
      const { resolve, reject, timer } = pending.get(`${m.type}:${m.id}`);
      pending.delete(`${m.type}:${m.id}`);
      clearTimeout(timer);
      if (m.ok === false) reject(new Error(`${name}: ${m.error}`));
      else resolve(m.result);
    }
  });
  child.on('exit', () => {
    for (const { reject, timer } of pending.values()) {
      clearTimeout(timer);
      reject(new Error(`${name} exited\n${log.slice(-20).join('\n')}`));
    }
    pending.clear();
  });
  /** Request/response over IPC: {type, id, cmd, arg} → {type, id, ok, result|error}. */
  child.call = (type, cmd, arg, timeoutMs = 60_000) =>
    new Promise((resolve, reject) => {
      if (child.exitCode !== null || !child.connected) return reject(new Error(`${name} is not running`));
      const id = nextId++;
      const timer = setTimeout(() => {
        pending.delete(`${type}:${id}`);
        reject(new Error(`${name}: ${cmd} timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      pending.set(`${type}:${id}`, { resolve, reject, timer });
      child.send({ type, id, cmd, arg });
    });
  child.stop = async (ms = 5000) => {
    if (child.exitCode !== null || child.signalCode) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    if (await Promise.race([exited.then(() => true), sleep(ms).then(() => false)])) return;
    child.kill('SIGKILL');
    await Promise.race([exited, sleep(2000)]);
  };
  return child;
}

/**
 * Secrets for several API instances on one database (JWT, personal-data and audit keys, the app
 * role's password, VAPID): each instance must have the same, as in a deployment. Pass as `env`.
 */
function sharedSecrets() {
  const { publicKey, privateKey } = webPush.generateVAPIDKeys();
  return {
    JWT_SECRET: crypto.randomBytes(32).toString('base64url'),
    PERSONAL_DATA_KEY,
    AUDIT_HMAC_KEY: crypto.randomBytes(32).toString('base64'),
    APP_DATABASE_PASSWORD: crypto.randomBytes(24).toString('base64url'),
    VAPID_PUBLIC_KEY: publicKey,
    VAPID_PRIVATE_KEY: privateKey,
  };
}

/** The pid of the node process itself (bash exec'd into it, so the same pid). */
async function startApi(databaseUrl, { name = 'api', env = {}, exposeGc = true } = {}) {
  const port = await freePort();
  const child = spawnNode([...(exposeGc ? ['--expose-gc'] : []), '-r', path.join(__dirname, 'api-probe.js'), ...(process.env.BENCH_API_PRELOAD ? ['-r', process.env.BENCH_API_PRELOAD] : []), MAIN], {
    name,
    env: {
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      WEB_DIST_DIR: '',
      DATA_DIR: path.join(os.tmpdir(), 'akiwa-bench-data'),
      DEMO_DATA: 'false',
      JWT_SECRET: crypto.randomBytes(32).toString('base64url'),
      // the key the demo was sealed with (db.js)
      PERSONAL_DATA_KEY,
      ...(({ publicKey, privateKey }) => ({ VAPID_PUBLIC_KEY: publicKey, VAPID_PRIVATE_KEY: privateKey }))(webPush.generateVAPIDKeys()),
      AUDIT_HMAC_KEY: crypto.randomBytes(32).toString('base64'),
      // DATABASE_URL is the owner: the API serves as the least-privilege akiwa_app role, as in production
      APP_DATABASE_PASSWORD: crypto.randomBytes(24).toString('base64url'),
      REDIS_URL: '',
      // production requires TOTP enrolment before anything else; the benchmark's demo logins have none
      MFA_ENFORCEMENT: 'optional',
      ...env,
    },
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`API exited with ${child.exitCode}:\n${child.log.slice(-30).join('\n')}`);
    try {
      const r = await fetch(`${url}/api/health/ready`, { signal: AbortSignal.timeout(2000) });
      if (r.ok) break;
    } catch {
      /* not yet listening */
    }
    if (Date.now() > deadline) {
      await child.stop();
      throw new Error(`API did not become ready in 60 s:\n${child.log.slice(-30).join('\n')}`);
    }
    await sleep(200);
  }
  const probe = (cmd, arg, timeoutMs) => child.call('probe', cmd, arg, timeoutMs);
  return { child, pid: child.pid, url, port, probe, stop: () => child.stop() };
}

async function request(base, method, p, { token, body, signal } = {}) {
  const headers = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(base + p, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: signal ?? AbortSignal.timeout(30_000) });
  const text = await res.text();
  let json;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = text;
  }
  return { status: res.status, body: json };
}

async function login(base, email, password = DEMO_PASSWORD) {
  const r = await request(base, 'POST', '/api/auth/login', { body: { email, password } });
  if (r.status !== 200) throw new Error(`login ${email}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.accessToken;
}

module.exports = { ROOT, DEMO_PASSWORD, freePort, sleep, spawnNode, startApi, sharedSecrets, request, login };
