import type { PersonalDataCipher } from '../common/crypto/personal-data.cipher';

/**
 * What a migration may need beyond SQL: the personal data cipher, so that a migration moving
 * plaintext into an encrypted column encrypts the existing rows in its own transaction (the key is
 * configuration, never in the database). Set by `runMigrations` for the duration of the run.
 */
let current: PersonalDataCipher | null = null;

export function setMigrationCipher(cipher: PersonalDataCipher | null): void {
  current = cipher;
}

/** The cipher of this migration run; throws when rows must be encrypted and none was given. */
export function migrationCipher(why: string): PersonalDataCipher {
  if (!current) throw new Error(`${why}: this migration encrypts existing rows and needs PERSONAL_DATA_KEY (run it through the app or npm run migration:run)`);
  return current;
}
