import type { MigrationInterface, QueryRunner } from 'typeorm';
import { AlertChannel } from '@akiwa/contracts';

const CHANNELS = Object.values(AlertChannel)
  .map((c) => `'${c}'`)
  .join(',');

/**
 * How a request reached each provider organisation: the first delivery to one of its devices (and by
 * which channel) and its acknowledgement (確認しました), one row per (request, organisation).
 */
export class AlertReceipts1765500000000 implements MigrationInterface {
  name = 'AlertReceipts1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE request_receipts (
        request_id uuid NOT NULL,
        organisation_id uuid NOT NULL,
        delivered_at timestamptz,
        delivered_via varchar(10) CHECK (delivered_via IN (${CHANNELS})),
        seen_at timestamptz,
        seen_by uuid REFERENCES users(id),
        PRIMARY KEY (request_id, organisation_id),
        FOREIGN KEY (request_id, organisation_id) REFERENCES request_recipients(request_id, organisation_id),
        CHECK ((seen_at IS NULL) = (seen_by IS NULL))
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE request_receipts`);
  }
}
