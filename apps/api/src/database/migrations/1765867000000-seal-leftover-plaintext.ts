import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationCipher } from '../migration-context';

/*
 * The AADs are those of the code (emergency-requests/request.sql.ts, trial-stays/trial-personal-data.ts):
 * copied here as literals on purpose, a shipped migration must not change when the code does.
 */
const situationAad = (id: string) => `emergency_request:${id}:situation`;
const personNameAad = (id: string) => `trial_person:${id}:display_name`;
const stayNoteAad = (id: string) => `trial_stay:${id}:note`;
const stayReasonAad = (id: string) => `trial_stay:${id}:reason`;
const waitingNameAad = (id: string) => `waiting_list_entry:${id}:display_name`;
const waitingNotesAad = (id: string) => `waiting_list_entry:${id}:notes`;

const WHY = 'SealLeftoverPlaintext1765867000000';

/** A plaintext column beside its sealed twin. `plain` is an SQL expression (NULL: nothing to seal). */
interface Twin {
  table: string;
  plain: string;
  encrypted: string;
  aad: (id: string) => string;
}

const TWINS: Twin[] = [
  { table: 'emergency_requests', plain: 'situation', encrypted: 'situation_encrypted', aad: situationAad },
  { table: 'persons', plain: 'display_name', encrypted: 'display_name_encrypted', aad: personNameAad },
  // the note and notes were NOT NULL DEFAULT '' before encryption: a row with neither gets an empty one
  { table: 'trial_stays', plain: `coalesce(note, '')`, encrypted: 'note_encrypted', aad: stayNoteAad },
  { table: 'trial_stays', plain: 'reason', encrypted: 'reason_encrypted', aad: stayReasonAad },
  { table: 'waiting_list_entries', plain: 'display_name', encrypted: 'display_name_encrypted', aad: waitingNameAad },
  { table: 'waiting_list_entries', plain: `coalesce(notes, '')`, encrypted: 'notes_encrypted', aad: waitingNotesAad },
];

/**
 * The last plaintext personal data (issue 9): values an earlier version (or the demo loader) wrote
 * before these fields were encrypted, until now sealed by start-up jobs in the app. They are sealed
 * here, in the migration's transaction, with the configured PERSONAL_DATA_KEY (needed only when such
 * rows exist): situations, persons' names (and the names of persons made for a waiting-list entry,
 * left on the entry by Persons1765850000000), trial stays' notes and reasons, waiting-list names and
 * notes. Then the plaintext columns go, and the sealed ones are required where a value always exists.
 * An existing ciphertext wins over the plaintext beside it (which was stale).
 */
export class SealLeftoverPlaintext1765867000000 implements MigrationInterface {
  name = WHY;

  async up(q: QueryRunner): Promise<void> {
    for (const t of TWINS) {
      const rows: { id: string; value: string }[] = await q.query(
        `SELECT id::text AS id, ${t.plain} AS value FROM ${t.table} WHERE ${t.encrypted} IS NULL AND ${t.plain} IS NOT NULL`,
      );
      for (const r of rows) {
        await q.query(`UPDATE ${t.table} SET ${t.encrypted} = $2 WHERE id = $1`, [r.id, migrationCipher(WHY).encrypt(r.value, t.aad(r.id))]);
      }
    }

    const unnamed: { id: string; entryId: string; sealed: Buffer }[] = await q.query(
      `SELECT p.id::text AS id, w.id::text AS "entryId", w.display_name_encrypted AS sealed
       FROM persons p JOIN waiting_list_entries w ON w.id = p.name_from_waiting_entry
       WHERE p.display_name_encrypted IS NULL`,
    );
    for (const p of unnamed) {
      const cipher = migrationCipher(WHY);
      const name = cipher.decrypt(p.sealed, waitingNameAad(p.entryId));
      await q.query(`UPDATE persons SET display_name_encrypted = $2 WHERE id = $1`, [p.id, cipher.encrypt(name, personNameAad(p.id))]);
    }

    // the view selects persons.*: it is recreated over the remaining columns
    await q.query(`
      DROP VIEW trial_persons;
      ALTER TABLE emergency_requests
        DROP CONSTRAINT IF EXISTS emergency_requests_situation_present,
        DROP COLUMN situation,
        ALTER COLUMN situation_encrypted SET NOT NULL;
      ALTER TABLE persons
        DROP CONSTRAINT IF EXISTS persons_name_present,
        DROP COLUMN display_name,
        DROP COLUMN name_from_waiting_entry,
        ALTER COLUMN display_name_encrypted SET NOT NULL;
      ALTER TABLE trial_stays
        DROP CONSTRAINT IF EXISTS trial_stays_reason_kept,
        DROP CONSTRAINT IF EXISTS trial_stays_reason_given,
        DROP COLUMN note,
        DROP COLUMN reason,
        ALTER COLUMN note_encrypted SET NOT NULL,
        ADD CONSTRAINT trial_stays_reason_kept CHECK (status NOT IN ('declined','cancelled') OR reason_encrypted IS NOT NULL);
      ALTER TABLE waiting_list_entries
        DROP CONSTRAINT IF EXISTS waiting_list_name_present,
        DROP COLUMN display_name,
        DROP COLUMN notes,
        ALTER COLUMN display_name_encrypted SET NOT NULL,
        ALTER COLUMN notes_encrypted SET NOT NULL;
      CREATE VIEW trial_persons AS SELECT * FROM persons;
    `);
  }

  /**
   * The columns and their checks come back, the columns empty and nullable: the values stay sealed,
   * which every version since EncryptTrialPersonalData1764800000000 reads (going back needs no key).
   */
  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP VIEW trial_persons;
      ALTER TABLE waiting_list_entries
        ALTER COLUMN notes_encrypted DROP NOT NULL,
        ALTER COLUMN display_name_encrypted DROP NOT NULL,
        ADD COLUMN notes text CHECK (length(notes) <= 2000),
        ADD COLUMN display_name text CHECK (length(display_name) BETWEEN 1 AND 100),
        ADD CONSTRAINT waiting_list_name_present CHECK (display_name IS NOT NULL OR display_name_encrypted IS NOT NULL);
      ALTER TABLE trial_stays
        DROP CONSTRAINT trial_stays_reason_kept,
        ALTER COLUMN note_encrypted DROP NOT NULL,
        ADD COLUMN reason text CHECK (length(reason) <= 2000),
        ADD COLUMN note text CHECK (length(note) <= 2000),
        ADD CONSTRAINT trial_stays_reason_given CHECK (status NOT IN ('declined','cancelled') OR length(reason) > 0),
        ADD CONSTRAINT trial_stays_reason_kept CHECK (status NOT IN ('declined','cancelled') OR reason IS NOT NULL OR reason_encrypted IS NOT NULL);
      ALTER TABLE persons
        ALTER COLUMN display_name_encrypted DROP NOT NULL,
        ADD COLUMN name_from_waiting_entry uuid,
        ADD COLUMN display_name text CHECK (length(display_name) BETWEEN 1 AND 100),
        ADD CONSTRAINT persons_name_present CHECK (display_name IS NOT NULL OR display_name_encrypted IS NOT NULL OR name_from_waiting_entry IS NOT NULL);
      ALTER TABLE emergency_requests
        ALTER COLUMN situation_encrypted DROP NOT NULL,
        ADD COLUMN situation text,
        ADD CONSTRAINT emergency_requests_situation_present CHECK (situation IS NOT NULL OR situation_encrypted IS NOT NULL);
      CREATE VIEW trial_persons AS SELECT * FROM persons;
    `);
  }
}
