import type { MigrationInterface, QueryRunner } from 'typeorm';

/** 緊急の相談があります: a provider's urgent call for the on-call coordinator of its area, and its acknowledgement. */
export class UrgentContacts1765500000004 implements MigrationInterface {
  name = 'UrgentContacts1765500000004';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE urgent_contacts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        created_by uuid NOT NULL REFERENCES users(id),
        summary text NOT NULL CHECK (char_length(summary) BETWEEN 1 AND 200),
        created_at timestamptz NOT NULL,
        notified jsonb NOT NULL DEFAULT '[]',
        acknowledged_at timestamptz,
        acknowledged_by uuid REFERENCES users(id),
        CHECK ((acknowledged_at IS NULL) = (acknowledged_by IS NULL))
      );
      CREATE INDEX urgent_contacts_organisation_idx ON urgent_contacts(organisation_id, created_at DESC);
      ALTER TABLE alert_notifications ADD COLUMN contact_id uuid REFERENCES urgent_contacts(id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE alert_notifications DROP COLUMN contact_id; DROP TABLE urgent_contacts`);
  }
}
