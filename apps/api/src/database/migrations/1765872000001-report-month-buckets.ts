import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Finer buckets for the report's per-month values (ReportRepository BUCKET: ~2 % of growth each, was
 * ~6 %): a percentile sorts only the buckets holding its ranks, and on a prefecture's year of 100,000
 * requests that sort was 40 % of the statement. Every aggregated month is logged as changed, so the next
 * report recomputes it with the new buckets before reading it (a read never mixes the two). The values
 * arrays are moved out of line from 128 bytes on, so summing the buckets' counts reads only small rows.
 */
export class ReportMonthBuckets1765872000001 implements MigrationInterface {
  name = 'ReportMonthBuckets1765872000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE report_month_values SET (toast_tuple_target = 128);
      INSERT INTO report_month_changes(month)
      SELECT month FROM report_month_counts UNION SELECT month FROM report_month_values
      ON CONFLICT DO NOTHING;`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE report_month_values RESET (toast_tuple_target);
      INSERT INTO report_month_changes(month)
      SELECT month FROM report_month_counts UNION SELECT month FROM report_month_values
      ON CONFLICT DO NOTHING;`);
  }
}
