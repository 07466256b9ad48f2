import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Client } from 'pg';
import { io, type Socket } from 'socket.io-client';
import { CSRF_HEADER, REFRESH_COOKIE_NAME, type ClientToServerEvents, type LoginResponse, type ServerToClientEvents } from '@akiwa/contracts';
import { loadEnv, type ResolvedEnv } from '../../src/config/env';
import { asRole, DEFAULT_APP_ROLE } from '../../src/database/app-role';
import { createApp } from '../../src/create-app';
import type { AppOptions } from '../../src/app.module';
import { DEMO_PASSWORD } from '../../src/demo/demo-data';
import { adminQuery, testPersonalDataKey, withDatabase } from './postgres';

export interface HttpResult<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  /** Sent as is (for malformed-body tests). */
  rawBody?: string | Buffer;
  headers?: Record<string, string>;
}

export interface TestApp {
  url: string;
  app: INestApplication;
  /** The app's own connection: the least-privilege serving role. */
  db: DataSource;
  /** As the owner of the schema (a superuser on the test server): for what the app itself may not do. */
  owner<T = any>(sql: string, params?: unknown[]): Promise<T[]>;
  env: ResolvedEnv;
  request<T = any>(method: string, path: string, opts?: RequestOptions): Promise<HttpResult<T>>;
  login(email: string, password?: string): Promise<LoginResponse>;
  /** Logs in and keeps the refresh cookie, as a browser would. */
  loginSession(email: string, password?: string): Promise<LoginResponse & { cookie: string }>;
  /** POST /api/auth/refresh or /logout with this refresh cookie and the CSRF header. */
  withCookie<T = any>(path: '/api/auth/refresh' | '/api/auth/logout', cookie: string, opts?: RequestOptions): Promise<HttpResult<T> & { cookie: string | null }>;
  socket(token: string | undefined, opts?: { origin?: string }): Socket<ServerToClientEvents, ClientToServerEvents>;
  close(): Promise<void>;
}

let counter = 0;

/** The real app on a fresh copy of the template database, listening on an ephemeral port. */
export async function startTestApp(overrides: Partial<Record<string, string>> = {}, options: AppOptions = {}): Promise<TestApp> {
  const admin = process.env.AKIWA_TEST_ADMIN_URL!;
  const database = `${process.env.AKIWA_TEST_RUN}_${process.pid}_${counter++}`;
  await adminQuery(admin, `CREATE DATABASE ${database} TEMPLATE ${process.env.AKIWA_TEST_TEMPLATE}`);
  const raw = loadEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent', WEB_DIST_DIR: '', ...overrides });
  const env: ResolvedEnv = {
    ...raw,
    // as in production: served by the role the migrations granted row privileges only (trust auth: no password)
    DATABASE_URL: asRole(withDatabase(admin, database), { name: DEFAULT_APP_ROLE }),
    JWT_SECRET: raw.JWT_SECRET ?? randomBytes(32).toString('base64url'),
    // the key the template's demo was sealed with
    PERSONAL_DATA_KEY: raw.PERSONAL_DATA_KEY ?? testPersonalDataKey(),
    AUDIT_HMAC_KEY: raw.AUDIT_HMAC_KEY ?? randomBytes(32).toString('base64'),
  };
  const app = await createApp(env, options);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${address.port}`;
  const sockets: Socket[] = [];

  const request = async (method: string, path: string, opts: RequestOptions = {}) => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let body: string | Buffer | undefined = opts.rawBody;
    if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(url + path, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: parsed as any, headers: res.headers };
  };

  return {
    url,
    app,
    db: app.get(getDataSourceToken()),
    async owner(sql, params = []) {
      const c = new Client({ connectionString: withDatabase(admin, database) });
      await c.connect();
      try {
        return (await c.query(sql, params)).rows;
      } finally {
        await c.end();
      }
    },
    env,
    request,
    async login(email, password = DEMO_PASSWORD) {
      const r = await request('POST', '/api/auth/login', { body: { email, password } });
      if (r.status !== 200) throw new Error(`login ${email} failed: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body;
    },
    async loginSession(email, password = DEMO_PASSWORD) {
      const r = await request('POST', '/api/auth/login', { body: { email, password } });
      if (r.status !== 200) throw new Error(`login ${email} failed: ${r.status} ${JSON.stringify(r.body)}`);
      return { ...r.body, cookie: refreshCookie(r.headers)! };
    },
    async withCookie(path, cookie, opts = {}) {
      const r = await request('POST', path, { ...opts, headers: { cookie, [CSRF_HEADER]: '1', ...opts.headers } });
      return { ...r, cookie: refreshCookie(r.headers) };
    },
    socket(token, opts = {}) {
      const s = io(url, {
        transports: ['websocket'],
        auth: token ? { token } : {},
        reconnection: false,
        forceNew: true,
        extraHeaders: opts.origin ? { origin: opts.origin } : undefined,
      });
      sockets.push(s);
      return s;
    },
    async close() {
      sockets.forEach((s) => s.disconnect());
      await app.close();
      await adminQuery(admin, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    },
  };
}

/** `akiwa_refresh=…` from a response's Set-Cookie, ready to send back; null when none was set (or it was cleared). */
export function refreshCookie(headers: Headers): string | null {
  const set = headers.getSetCookie().find((c) => c.startsWith(`${REFRESH_COOKIE_NAME}=`));
  const pair = set?.split(';')[0];
  return pair && pair !== `${REFRESH_COOKIE_NAME}=` ? pair : null;
}

/** Resolves with the first occurrence of an event, or rejects after `ms`. */
export function nextEvent<T = unknown>(socket: Socket, event: string, ms = 3000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${ms} ms`)), ms);
    socket.once(event, (payload: T) => {
      clearTimeout(timer);
      resolve(payload);
    });
  });
}

/**
 * For race tests: every request of the race reaches the database at once. The admission gate
 * (HTTP_MAX_IN_FLIGHT) would otherwise serialise most of them and make the race milder than it is.
 */
export const UNGATED = { HTTP_MAX_IN_FLIGHT: '10000', HTTP_MAX_QUEUE_WAIT_MS: '600000' } as const;

export const DEMO = {
  admin: 'admin@akiwa.example',
  coordinator: 'coordinator@uki-kikan.example',
  otherCoordinator: 'coordinator@kumamoto-kikan.example',
  providerStaff: 'staff@ukisato-ss.example',
  otherProviderStaff: 'staff@misumi-gh.example',
  officer: 'officer@city.uki.example',
} as const;
