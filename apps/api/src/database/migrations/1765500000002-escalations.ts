import type { MigrationInterface, QueryRunner } from 'typeorm';
import { EscalationStep } from '@akiwa/contracts';
import { enumCheck } from '../sql';

/**
 * Escalation timers in rows (armed → fired or cancelled), claimed by pollers with SKIP LOCKED, one per
 * (request, step, organisation); per-region delays; and the alerts addressed to people, one per
 * (escalation, user), which is also what Web Push sends from.
 */
export class Escalations1765500000002 implements MigrationInterface {
  name = 'Escalations1765500000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE regions
        ADD COLUMN escalation_unseen_minutes numeric CHECK (escalation_unseen_minutes > 0),
        ADD COLUMN escalation_no_offer_minutes numeric CHECK (escalation_no_offer_minutes > 0);
      CREATE TABLE escalations (
        id bigserial PRIMARY KEY,
        request_id uuid NOT NULL REFERENCES emergency_requests(id),
        step varchar(16) NOT NULL ${enumCheck('step', EscalationStep)},
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        due_at timestamptz NOT NULL,
        state varchar(10) NOT NULL DEFAULT 'armed' CHECK (state IN ('armed','fired','cancelled')),
        fired_at timestamptz,
        notified jsonb NOT NULL DEFAULT '[]',
        UNIQUE (request_id, step, organisation_id)
      );
      CREATE INDEX escalations_due_idx ON escalations(due_at) WHERE state = 'armed';
      CREATE TABLE alert_notifications (
        id bigserial PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users(id),
        kind varchar(16) NOT NULL CHECK (kind IN ('escalation','urgent_contact')),
        request_id uuid REFERENCES emergency_requests(id),
        escalation_id bigint REFERENCES escalations(id),
        text text NOT NULL,
        url text NOT NULL,
        created_at timestamptz NOT NULL,
        UNIQUE (escalation_id, user_id)
      );
      CREATE INDEX alert_notifications_user_idx ON alert_notifications(user_id, id DESC);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE alert_notifications, escalations; ALTER TABLE regions DROP COLUMN escalation_unseen_minutes, DROP COLUMN escalation_no_offer_minutes`);
  }
}
