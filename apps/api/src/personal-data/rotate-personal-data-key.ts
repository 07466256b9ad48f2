/**
 * `npm run rotate-personal-data-key`: re-encrypts every registered personal-data column under the
 * current PERSONAL_DATA_KEY (id PERSONAL_DATA_KEY_ID), reading older blobs with the keys in
 * PERSONAL_DATA_PREVIOUS_KEYS (each blob's first byte names its key). Safe while the API runs: each
 * row is rewritten only if its blob is still the one read. See README "Security".
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadEnv } from '../config/env';
import { resolveDevSecrets } from '../config/secrets';
import { personalDataCipher, type PersonalDataCipher } from '../common/crypto/personal-data.cipher';
import { resolveDatabase } from '../database/app-role';
import { dataSourceOptions } from '../database/data-source-options';
import { reindexRegistrations } from '../ledger/registration-index';
import { ENCRYPTED_COLUMNS, rowKeyOf } from './personal-data-registry';

const BATCH = 500;

/** Rewrites every blob not under the current key; returns how many per `table.column`. */
export async function rotatePersonalData(db: DataSource, cipher: PersonalDataCipher): Promise<Record<string, number>> {
  const done: Record<string, number> = {};
  for (const c of ENCRYPTED_COLUMNS) {
    const key = rowKeyOf(c);
    let n = 0;
    for (;;) {
      const rows: { id: string; blob: Buffer }[] = await db.query(
        `SELECT ${key} AS id, ${c.encrypted} AS blob FROM ${c.table}
         WHERE ${c.encrypted} IS NOT NULL AND get_byte(${c.encrypted}, 0) <> $1 ORDER BY 1 LIMIT ${BATCH}`,
        [cipher.currentKeyId],
      );
      if (!rows.length) break;
      for (const r of rows) {
        const fresh = cipher.encrypt(cipher.decrypt(r.blob, c.aad(r.id)), c.aad(r.id));
        await db.query(`UPDATE ${c.table} SET ${c.encrypted} = $2 WHERE ${key} = $1 AND ${c.encrypted} = $3`, [r.id, fresh, r.blob]);
        n++;
      }
    }
    done[`${c.table}.${c.encrypted}`] = n;
  }
  // the ledger's blind indexes are keyed from the current key: rebuilt under the new one
  await reindexRegistrations(db, cipher);
  return done;
}

if (require.main === module) {
  (async () => {
    const env = loadEnv();
    if (!env.DATABASE_URL) throw new Error('Set DATABASE_URL (and MIGRATION_DATABASE_URL if the app serves as another role)');
    const secrets = resolveDevSecrets(env);
    const { ownerUrl } = resolveDatabase(env, secrets);
    const db = new DataSource(dataSourceOptions(ownerUrl));
    await db.initialize();
    try {
      const cipher = personalDataCipher({ ...env, ...secrets });
      const done = await rotatePersonalData(db, cipher);
      for (const [column, n] of Object.entries(done)) console.log(`${column}: ${n} re-encrypted under key ${cipher.currentKeyId}`);
    } finally {
      await db.destroy();
    }
  })().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
