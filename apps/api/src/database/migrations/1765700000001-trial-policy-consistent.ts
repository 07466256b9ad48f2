import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A municipality's trial-stay limits: one stay can never be longer than the year allows
 * (consecutive ≤ yearly). Rows that break it (none can be written through the API) are brought
 * down to the yearly limit first, so the constraint can be added.
 */
export class TrialPolicyConsistent1765700000001 implements MigrationInterface {
  name = 'TrialPolicyConsistent1765700000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE trial_stay_policies SET max_consecutive_nights = max_nights_per_fiscal_year WHERE max_consecutive_nights > max_nights_per_fiscal_year;
      ALTER TABLE trial_stay_policies ADD CONSTRAINT trial_stay_policies_consecutive_within_year CHECK (max_consecutive_nights <= max_nights_per_fiscal_year);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE trial_stay_policies DROP CONSTRAINT trial_stay_policies_consecutive_within_year`);
  }
}
