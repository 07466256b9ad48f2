/** Runs pending migrations on its own: `npm run migration:run` (uses DATABASE_URL, or the embedded PostgreSQL). */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadEnv } from '../config/env';
import { resolveDevSecrets } from '../config/secrets';
import { personalDataCipher, type PersonalDataCipher } from '../common/crypto/personal-data.cipher';
import { grantAppRole, resolveDatabase, type AppRole } from './app-role';
import { dataSourceOptions } from './data-source-options';
import { startEmbeddedPostgres } from './embedded-postgres';
import { setMigrationCipher } from './migration-context';

/** Arbitrary constant: the advisory lock that serialises migrations across API instances starting together. */
const MIGRATION_LOCK = 7_242_001;

/**
 * Migrates as the owner (`url`), then gives `appRole` (the serving role) exactly the grants it needs.
 * `cipher`: for migrations that encrypt existing plaintext rows (needed only when there are such rows).
 */
export async function runMigrations(url: string, appRole?: AppRole, cipher?: PersonalDataCipher): Promise<string[]> {
  const ds = new DataSource(dataSourceOptions(url));
  await ds.initialize();
  const lock = ds.createQueryRunner();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    setMigrationCipher(cipher ?? null);
    const ran = await ds.runMigrations({ transaction: 'each' });
    if (appRole) await grantAppRole(ds, appRole);
    return ran.map((m) => m.name);
  } finally {
    setMigrationCipher(null);
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await lock.release();
    await ds.destroy();
  }
}

if (require.main === module) {
  (async () => {
    const env = loadEnv();
    const embedded = env.DATABASE_URL ? null : await startEmbeddedPostgres(env.DATA_DIR, env.EMBEDDED_PG_PORT);
    const secrets = resolveDevSecrets(env);
    const db = resolveDatabase(env, secrets, embedded?.url);
    const ran = await runMigrations(db.ownerUrl, db.appRole, personalDataCipher({ ...env, ...secrets }));
    console.log(ran.length ? `Ran migrations: ${ran.join(', ')}` : 'No pending migrations');
    await embedded?.stop();
  })().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
