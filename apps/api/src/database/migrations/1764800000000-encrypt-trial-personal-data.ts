import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Trial stays and waiting lists keep who the person is (呼び名), free-text notes and the reasons a
 * stay was declined or cancelled (often the person's health): encrypt them at rest like emergency
 * requests. The key is not in the database, so existing plaintext is encrypted by the app at
 * start-up (TrialPersonalDataEncryption) and the plaintext columns are then cleared. What search and
 * policy need (age band, gender, municipality, categories, organisations) stays in plaintext.
 */
export class EncryptTrialPersonalData1764800000000 implements MigrationInterface {
  name = 'EncryptTrialPersonalData1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE trial_persons
        ADD COLUMN display_name_encrypted bytea,
        ALTER COLUMN display_name DROP NOT NULL,
        ADD CONSTRAINT trial_persons_name_present CHECK (display_name IS NOT NULL OR display_name_encrypted IS NOT NULL);

      ALTER TABLE waiting_list_entries
        ADD COLUMN display_name_encrypted bytea,
        ADD COLUMN notes_encrypted bytea,
        ALTER COLUMN display_name DROP NOT NULL,
        ALTER COLUMN notes DROP NOT NULL,
        ALTER COLUMN notes DROP DEFAULT,
        ADD CONSTRAINT waiting_list_name_present CHECK (display_name IS NOT NULL OR display_name_encrypted IS NOT NULL);

      ALTER TABLE trial_stays
        ADD COLUMN note_encrypted bytea,
        ADD COLUMN reason_encrypted bytea,
        ALTER COLUMN note DROP NOT NULL,
        ALTER COLUMN note DROP DEFAULT,
        -- trial_stays_reason_given passes on a NULL reason: the reason must still be kept, encrypted
        ADD CONSTRAINT trial_stays_reason_kept CHECK (status NOT IN ('declined','cancelled') OR reason IS NOT NULL OR reason_encrypted IS NOT NULL);
    `);
  }

  async down(): Promise<void> {
    // Going back would need the key to decrypt: refuse rather than lose the names.
    throw new Error('EncryptTrialPersonalData1764800000000 cannot be reverted without the personal data key');
  }
}
