import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A region's widening and response windows (issue 14, officer settings): how long an emergency request
 * stays at one level before it widens, and how long each provider told has to answer. Null: the
 * deployment's EMERGENCY_WIDEN_MINUTES, as before. The bounds are CHECKs too, so no path stores a
 * window that widens at once or leaves a person waiting half a day.
 */
export class RegionResponseWindows1765868000000 implements MigrationInterface {
  name = 'RegionResponseWindows1765868000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE regions
        ADD COLUMN widen_minutes int CHECK (widen_minutes BETWEEN 1 AND 120),
        ADD COLUMN answer_minutes int CHECK (answer_minutes BETWEEN 1 AND 720),
        ADD COLUMN response_windows_updated_at timestamptz,
        ADD COLUMN response_windows_updated_by uuid REFERENCES users(id) ON DELETE SET NULL
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE regions DROP COLUMN widen_minutes, DROP COLUMN answer_minutes, DROP COLUMN response_windows_updated_at, DROP COLUMN response_windows_updated_by`);
  }
}
