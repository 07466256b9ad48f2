import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The emergency flows as they run at 2 a.m.:
 *  - 障害支援区分 不明: a request may leave the support level unknown (null);
 *  - who was told: each recipient is marked 契約先 (the contracted provider, asked first even when its
 *    board is full), with the channel it was told by and until when its answer is awaited;
 *  - the posting centre's phone number on every provider card;
 *  - admissions status per unit: 受入停止中 (until, reason) without zeroing its figures, and 夜間受入可.
 */
export class EmergencyFlows1765300100000 implements MigrationInterface {
  name = 'EmergencyFlows1765300100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE emergency_requests ALTER COLUMN support_level DROP NOT NULL;

      ALTER TABLE request_recipients
        ADD COLUMN contracted boolean NOT NULL DEFAULT false,
        ADD COLUMN channel varchar(10) NOT NULL DEFAULT 'app' CHECK (channel IN ('app')),
        ADD COLUMN answer_by timestamptz;
      UPDATE request_recipients SET answer_by = notified_at;
      ALTER TABLE request_recipients ALTER COLUMN answer_by SET NOT NULL;

      ALTER TABLE organisations ADD COLUMN phone text NOT NULL DEFAULT '' CHECK (length(phone) <= 40);

      ALTER TABLE units
        ADD COLUMN admissions_paused_until timestamptz,
        ADD COLUMN admissions_pause_reason text NOT NULL DEFAULT '' CHECK (length(admissions_pause_reason) <= 200),
        ADD COLUMN night_admission boolean NOT NULL DEFAULT true;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE units DROP COLUMN admissions_paused_until, DROP COLUMN admissions_pause_reason, DROP COLUMN night_admission;
      ALTER TABLE organisations DROP COLUMN phone;
      ALTER TABLE request_recipients DROP COLUMN contracted, DROP COLUMN channel, DROP COLUMN answer_by;
      UPDATE emergency_requests SET support_level = 0 WHERE support_level IS NULL;
      ALTER TABLE emergency_requests ALTER COLUMN support_level SET NOT NULL;
    `);
  }
}
