import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { personalDataCipher } from '../../src/common/crypto/personal-data.cipher';
import { DEFAULT_APP_ROLE } from '../../src/database/app-role';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { runMigrations } from '../../src/database/migrate';
import { loadDemoData } from '../../src/demo/demo.loader';
import { adminQuery, reachable, withDatabase } from './postgres';

declare global {
  var __AKIWA_STOP_PG__: (() => Promise<void>) | undefined;
}

/** Once per run: pick a real PostgreSQL, build a template database (migrations + demo data) that each test file clones. */
export default async function globalSetup() {
  const candidates = [process.env.TEST_DATABASE_URL, process.env.DATABASE_URL, 'postgres://postgres@127.0.0.1:5432/postgres'].filter(Boolean) as string[];
  let admin: string | undefined;
  for (const url of candidates) if (await reachable(url)) { admin = withDatabase(url, 'postgres'); break; }
  if (!admin) {
    const dir = mkdtempSync(join(tmpdir(), 'akiwa-test-pg-'));
    const pg = await startEmbeddedPostgres(dir, 54330 + (process.pid % 500));
    globalThis.__AKIWA_STOP_PG__ = pg.stop;
    admin = withDatabase(pg.url, 'postgres');
  }
  const run = `akiwa_t${Date.now().toString(36)}${process.pid}`;
  const template = `${run}_tpl`;
  await adminQuery(admin, `CREATE DATABASE ${template}`);
  // the demo's personal data is sealed with the run's key, which the apps under test are started with
  process.env.AKIWA_TEST_PERSONAL_DATA_KEY = randomBytes(32).toString('base64');
  const cipher = personalDataCipher({ PERSONAL_DATA_KEY: process.env.AKIWA_TEST_PERSONAL_DATA_KEY });
  // the app role's grants are part of the template, so every clone has them
  await runMigrations(withDatabase(admin, template), { name: DEFAULT_APP_ROLE }, cipher);
  const ds = new DataSource(dataSourceOptions(withDatabase(admin, template)));
  await ds.initialize();
  await loadDemoData(ds, cipher);
  await ds.destroy();
  process.env.AKIWA_TEST_ADMIN_URL = admin;
  process.env.AKIWA_TEST_RUN = run;
  process.env.AKIWA_TEST_TEMPLATE = template;
}
