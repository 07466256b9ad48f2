import { DataSource } from 'typeorm';
import { loadEnv, type Env, type ResolvedEnv } from './config/env';
import { resolveDevSecrets } from './config/secrets';
import { personalDataCipher } from './common/crypto/personal-data.cipher';
import { resolveDatabase } from './database/app-role';
import { dataSourceOptions } from './database/data-source-options';
import { startEmbeddedPostgres } from './database/embedded-postgres';
import { runMigrations } from './database/migrate';
import { loadDemoData } from './demo/demo.loader';

export interface Prepared {
  env: ResolvedEnv;
  embedded: boolean;
  stopDatabase: () => Promise<void>;
}

/** Resolves the database (embedded when DATABASE_URL is unset), runs migrations, loads demo data. */
export async function prepare(raw: Env = loadEnv()): Promise<Prepared> {
  const embedded = raw.DATABASE_URL ? null : await startEmbeddedPostgres(raw.DATA_DIR, raw.EMBEDDED_PG_PORT);
  const secrets = resolveDevSecrets(raw);
  const db = resolveDatabase(raw, secrets, embedded?.url);
  const env: ResolvedEnv = { ...raw, ...secrets, DATABASE_URL: db.appUrl };
  const cipher = personalDataCipher(env);
  await runMigrations(db.ownerUrl, db.appRole, cipher);
  if (env.DEMO_DATA ?? Boolean(embedded)) {
    const ds = new DataSource(dataSourceOptions(db.ownerUrl));
    await ds.initialize();
    try {
      await loadDemoData(ds, cipher);
    } finally {
      await ds.destroy();
    }
  }
  return { env, embedded: Boolean(embedded), stopDatabase: async () => embedded?.stop() };
}

