import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationCipher } from '../migration-context';

/*
 * The AADs are those of the code (emergency-requests/request-texts.ts, idempotency): copied here as
 * literals on purpose, a shipped migration must not change when the code does.
 */
const eventTextAad = (id: string) => `request_event:${id}:text`;
const declineNoteAad = (requestId: string, organisationId: string) => `request_response:${requestId}:${organisationId}:note`;
const idempotencyAad = (userId: string, key: string) => `idempotency_key:${userId}:${key}:response`;

/**
 * The last free texts that can hold personal data, encrypted at rest like the person's details
 * (issue 8): coordinators' timeline notes and decline notes (`request_events.data` text/note), a
 * provider's decline note (`request_responses.note`) and the stored answers replayed for an
 * Idempotency-Key (`idempotency_keys.response`: a request's view, notes included). Existing rows are
 * encrypted here, in the migration's transaction, with the configured PERSONAL_DATA_KEY; the
 * plaintext columns are dropped and the timeline's JSON may no longer carry a text (CHECK).
 */
export class EncryptRequestTexts1765800000000 implements MigrationInterface {
  name = 'EncryptRequestTexts1765800000000';

  async up(q: QueryRunner): Promise<void> {
    const why = 'EncryptRequestTexts1765800000000';
    await q.query(`
      ALTER TABLE request_events ADD COLUMN text_encrypted bytea;
      ALTER TABLE request_responses ADD COLUMN note_encrypted bytea;
      ALTER TABLE idempotency_keys ADD COLUMN response_encrypted bytea;
    `);

    const events: { id: string; text: string }[] = await q.query(
      `SELECT id::text AS id, coalesce(data->>'text', data->>'note') AS text FROM request_events WHERE data ? 'text' OR data ? 'note'`,
    );
    for (const e of events) {
      const blob = e.text ? migrationCipher(why).encrypt(e.text, eventTextAad(e.id)) : null;
      await q.query(`UPDATE request_events SET text_encrypted = $2, data = data - 'text' - 'note' WHERE id = $1::bigint`, [e.id, blob]);
    }

    const notes: { requestId: string; organisationId: string; note: string }[] = await q.query(
      `SELECT request_id::text AS "requestId", organisation_id::text AS "organisationId", note FROM request_responses WHERE note <> ''`,
    );
    for (const n of notes) {
      await q.query(`UPDATE request_responses SET note_encrypted = $3 WHERE request_id = $1 AND organisation_id = $2`, [
        n.requestId,
        n.organisationId,
        migrationCipher(why).encrypt(n.note, declineNoteAad(n.requestId, n.organisationId)),
      ]);
    }

    const answers: { userId: string; key: string; response: string }[] = await q.query(
      `SELECT user_id::text AS "userId", key, response::text AS response FROM idempotency_keys WHERE response IS NOT NULL`,
    );
    for (const a of answers) {
      await q.query(`UPDATE idempotency_keys SET response_encrypted = $3 WHERE user_id = $1 AND key = $2`, [
        a.userId,
        a.key,
        migrationCipher(why).encrypt(a.response, idempotencyAad(a.userId, a.key)),
      ]);
    }

    await q.query(`
      ALTER TABLE request_events ADD CONSTRAINT request_events_no_plaintext_text CHECK (NOT (data ? 'text' OR data ? 'note'));
      ALTER TABLE request_responses DROP COLUMN note;
      ALTER TABLE idempotency_keys DROP COLUMN response;
    `);
  }

  async down(): Promise<void> {
    // Going back would need the key to decrypt: refuse rather than lose the notes.
    throw new Error('EncryptRequestTexts1765800000000 cannot be reverted without the personal data key');
  }
}
