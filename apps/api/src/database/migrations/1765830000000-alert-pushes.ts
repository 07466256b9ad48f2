import type { MigrationInterface, QueryRunner } from 'typeorm';
import { AlertKind } from '@akiwa/contracts';
import { enumCheck } from '../sql';

/**
 * Alerts to the poster (an offer arrived, a hold is about to lapse, the request became unplaced) and
 * of trial stays (requested, decided) join escalations and urgent contacts as alerts addressed to a
 * person; Web Push is sent from the outbox by one dispatcher at a time (its cursor and lease here);
 * an offer's "about to lapse" warning is given once; a recipient organisation records that a push was
 * sent to it (the coordinator's "notified: which channel").
 */
export class AlertPushes1765830000000 implements MigrationInterface {
  name = 'AlertPushes1765830000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE alert_notifications DROP CONSTRAINT alert_notifications_kind_check;
      ALTER TABLE alert_notifications ADD CONSTRAINT alert_notifications_kind_check ${enumCheck('kind', AlertKind)};
      ALTER TABLE offers ADD COLUMN expiry_warned_at timestamptz;
      CREATE INDEX offers_expiry_warning_idx ON offers(expires_at) WHERE status = 'held' AND expiry_warned_at IS NULL;
      ALTER TABLE request_recipients ADD COLUMN pushed_at timestamptz;
      CREATE TABLE push_dispatch (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        position bigint NOT NULL,
        holder text,
        lease_until timestamptz NOT NULL DEFAULT '-infinity'
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE push_dispatch;
      ALTER TABLE request_recipients DROP COLUMN pushed_at;
      DROP INDEX offers_expiry_warning_idx;
      ALTER TABLE offers DROP COLUMN expiry_warned_at;
      DELETE FROM alert_notifications WHERE kind NOT IN ('escalation','urgent_contact');
      ALTER TABLE alert_notifications DROP CONSTRAINT alert_notifications_kind_check;
      ALTER TABLE alert_notifications ADD CONSTRAINT alert_notifications_kind_check CHECK (kind IN ('escalation','urgent_contact'));
    `);
  }
}
