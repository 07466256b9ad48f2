/** Runs pending migrations on its own: `npm run migration:run` (uses DATABASE_URL, or the embedded PostgreSQL). */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadEnv } from '../config/env';
import { resolveDevSecrets } from '../config/secrets';
import { grantAppRole, resolveDatabase, type AppRole } from './app-role';
import { dataSourceOptions } from './data-source-options';
import { startEmbeddedPostgres } from './embedded-postgres';

/** Arbitrary constant: the advisory lock that serialises migrations across API instances starting together. */
const MIGRATION_LOCK = 7_242_001;

/** Migrates as the owner (`url`), then gives `appRole` (the serving role) exactly the grants it needs. */
export async function runMigrations(url: string, appRole?: AppRole): Promise<string[]> {
  const ds = new DataSource(dataSourceOptions(url));
  await ds.initialize();
  const lock = ds.createQueryRunner();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const ran = await ds.runMigrations({ transaction: 'each' });
    if (appRole) await grantAppRole(ds, appRole);
    return ran.map((m) => m.name);
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await lock.release();
    await ds.destroy();
  }
}

if (require.main === module) {
  (async () => {
    const env = loadEnv();
    const embedded = env.DATABASE_URL ? null : await startEmbeddedPostgres(env.DATA_DIR, env.EMBEDDED_PG_PORT);
    const db = resolveDatabase(env, resolveDevSecrets(env), embedded?.url);
    const ran = await runMigrations(db.ownerUrl, db.appRole);
    console.log(ran.length ? `Ran migrations: ${ran.join(', ')}` : 'No pending migrations');
    await embedded?.stop();
  })().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
