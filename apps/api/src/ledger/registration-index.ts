import type { DataSource } from 'typeorm';
import type { RegistrationForm } from '@akiwa/contracts';
import { normaliseName } from '@akiwa/domain';
import type { PersonalDataCipher } from '../common/crypto/personal-data.cipher';
import { registrationAad } from './registration-aad';
import { RegistrationsRepository, type BlindIndexes } from './registrations.repository';

/** The keyed blind indexes of a registration: the name in kanji, in kana (same key: one query matches either), the birth date. */
export function registrationIndexes(cipher: PersonalDataCipher, registrant: Pick<RegistrationForm['registrant'], 'name' | 'nameKana' | 'birthDate'>): BlindIndexes {
  return {
    name: cipher.blindIndex('name', normaliseName(registrant.name)),
    kana: registrant.nameKana ? cipher.blindIndex('name', normaliseName(registrant.nameKana)) : null,
    birth: cipher.blindIndex('birth', registrant.birthDate),
  };
}

/**
 * After a key rotation the blind indexes (keyed from the current key) are rebuilt from the sealed
 * forms: `npm run rotate-personal-data-key` calls this. Until every instance runs with the new key,
 * an instance still on the old one finds nothing by name (reads and writes are unaffected).
 */
export async function reindexRegistrations(db: DataSource, cipher: PersonalDataCipher): Promise<number> {
  const registrations = new RegistrationsRepository(db);
  let n = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = await registrations.formsAfter(after, 500);
    if (!rows.length) return n;
    for (const r of rows) {
      await registrations.setIndexes(r.id, registrationIndexes(cipher, cipher.decryptJson<RegistrationForm>(r.form, registrationAad(r.id)).registrant));
      n++;
    }
    after = rows[rows.length - 1].id;
  }
}
