'use strict';
/** The scratch database: created from the API's own migrations and demo loader, dropped at the end. */
require('reflect-metadata');
const path = require('node:path');
const { Client } = require('pg');

const API_DIST = path.join(__dirname, '..', '..', 'apps', 'api', 'dist');
const ADMIN_URL = process.env.BENCH_ADMIN_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

function withDatabase(url, database) {
  const u = new URL(url);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname)) throw new Error(`bench talks to 127.0.0.1 only, not ${u.hostname}`);
  u.pathname = `/${database}`;
  return u.toString();
}

async function withClient(url, fn) {
  const c = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end().catch(() => undefined);
  }
}

const adminQuery = (sql, params) => withClient(withDatabase(ADMIN_URL, 'postgres'), (c) => c.query(sql, params));

async function createDatabase(name) {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`bad database name ${name}`);
  await adminQuery(`CREATE DATABASE ${name}`);
  return withDatabase(ADMIN_URL, name);
}

async function dropDatabase(name) {
  if (!/^akiwa_bench_[a-z0-9_]+$/.test(name)) throw new Error(`refusing to drop ${name}`);
  await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

/**
 * The personal-data key of every benchmark database and API (not a secret: bench data only). The demo
 * is sealed with it, so every API a benchmark starts must be given it (api.js does).
 */
const PERSONAL_DATA_KEY = Buffer.alloc(32, 7).toString('base64');

/** Migrations and demo data, through the compiled API (the same code main.js runs). */
async function migrateAndLoadDemo(url) {
  const { runMigrations } = require(path.join(API_DIST, 'database', 'migrate.js'));
  const { personalDataCipher } = require(path.join(API_DIST, 'common', 'crypto', 'personal-data.cipher.js'));
  const { dataSourceOptions } = require(path.join(API_DIST, 'database', 'data-source-options.js'));
  const { loadDemoData } = require(path.join(API_DIST, 'demo', 'demo.loader.js'));
  const { DataSource } = require('typeorm');
  const cipher = personalDataCipher({ PERSONAL_DATA_KEY });
  const ran = await runMigrations(url, undefined, cipher);
  const ds = new DataSource(dataSourceOptions(url));
  await ds.initialize();
  try {
    const demo = await loadDemoData(ds, cipher);
    return { migrations: ran, demo };
  } finally {
    await ds.destroy();
  }
}

async function serverInfo() {
  return adminQuery(`SELECT version() AS version, current_setting('shared_buffers') AS shared_buffers,
    current_setting('max_connections') AS max_connections, current_setting('synchronous_commit') AS synchronous_commit,
    current_setting('fsync') AS fsync`).then((r) => r.rows[0]);
}

module.exports = { API_DIST, ADMIN_URL, PERSONAL_DATA_KEY, withDatabase, withClient, adminQuery, createDatabase, dropDatabase, migrateAndLoadDemo, serverInfo };
