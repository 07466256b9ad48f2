import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What happened to the person (the request's situation) is personal data: keep it encrypted like the
 * person's details. The key is not in the database, so existing plaintext is re-encrypted by the app
 * at start-up (SituationEncryption) and the plaintext column is then cleared.
 */
export class EncryptSituation1764700000000 implements MigrationInterface {
  name = 'EncryptSituation1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE emergency_requests ADD COLUMN situation_encrypted bytea;
      ALTER TABLE emergency_requests ALTER COLUMN situation DROP NOT NULL;
      ALTER TABLE emergency_requests ADD CONSTRAINT emergency_requests_situation_present
        CHECK (situation IS NOT NULL OR situation_encrypted IS NOT NULL);
    `);
  }

  async down(): Promise<void> {
    // Going back would need the key to decrypt: refuse rather than lose the situations.
    throw new Error('EncryptSituation1764700000000 cannot be reverted without the personal data key');
  }
}
