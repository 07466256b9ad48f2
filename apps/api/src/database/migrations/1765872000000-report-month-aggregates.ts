import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The annual report's per-month aggregates (issue 14: a prefecture's year of 100,000 requests took
 * 27 s from raw rows). Per month of posting (in Japan) and per area a report reads (the persons'
 * municipality, region or prefecture, or the posting centre), `report_month_counts` holds every count
 * the report shows under a key, and `report_month_values` the minutes behind its medians and p90s,
 * sorted, in log-spaced buckets: a percentile reads the bucket totals and only the one or two buckets
 * holding its ranks, so it stays exact.
 *
 * Kept exact by the write path and refreshed by the reader: a statement that writes a request, an
 * offer, a provider told, a receipt or a decline logs the request's month in `report_month_changes`
 * (statement-level triggers, one row per transaction and month: no lock shared between writers, so
 * posting stays as fast), and a report first recomputes the logged months it covers from the raw rows
 * (ReportRepository.refresh), deleting the log rows it saw. Months with requests from before this
 * migration are logged here.
 */
export class ReportMonthAggregates1765872000000 implements MigrationInterface {
  name = 'ReportMonthAggregates1765872000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION report_month(at timestamptz) RETURNS date IMMUTABLE LANGUAGE sql
        RETURN date_trunc('month', at AT TIME ZONE 'Asia/Tokyo')::date;

      -- area: 'm:<municipality code>' (persons' municipality), 'r:<region id>', 'p:<prefecture code>' or 'o:<posting centre id>';
      -- a request counts in the four areas it belongs to, so a report reads 12 rows per year whatever its scope's size
      CREATE TABLE report_month_counts (
        month date NOT NULL,
        area text NOT NULL,
        keys text[] NOT NULL,
        ns integer[] NOT NULL,
        PRIMARY KEY (month, area),
        CHECK (cardinality(keys) = cardinality(ns))
      );

      CREATE TABLE report_month_values (
        month date NOT NULL,
        area text NOT NULL,
        metric text NOT NULL,
        bucket integer NOT NULL,
        n integer NOT NULL,
        vals float8[] NOT NULL,
        PRIMARY KEY (area, metric, bucket, month)
      );
      CREATE INDEX report_month_values_month_idx ON report_month_values (month);

      CREATE TABLE report_month_changes (
        id bigserial PRIMARY KEY,
        month date NOT NULL,
        xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
        UNIQUE (month, xid)
      );

      CREATE FUNCTION report_month_log_requests() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
          INSERT INTO report_month_changes(month) SELECT DISTINCT report_month(n.created_at) FROM new_rows n ON CONFLICT DO NOTHING;
        END IF;
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          INSERT INTO report_month_changes(month) SELECT DISTINCT report_month(o.created_at) FROM old_rows o ON CONFLICT DO NOTHING;
        END IF;
        RETURN NULL;
      END $$;

      -- rows of a request (offers, those told, receipts, declines): the month is the request's
      CREATE FUNCTION report_month_log_children() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
          INSERT INTO report_month_changes(month)
          SELECT DISTINCT report_month(e.created_at) FROM emergency_requests e WHERE e.id IN (SELECT n.request_id FROM new_rows n) ON CONFLICT DO NOTHING;
        END IF;
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          INSERT INTO report_month_changes(month)
          SELECT DISTINCT report_month(e.created_at) FROM emergency_requests e WHERE e.id IN (SELECT o.request_id FROM old_rows o) ON CONFLICT DO NOTHING;
        END IF;
        RETURN NULL;
      END $$;
    `);
    for (const [table, fn] of [
      ['emergency_requests', 'report_month_log_requests'],
      ['offers', 'report_month_log_children'],
      ['request_recipients', 'report_month_log_children'],
      ['request_receipts', 'report_month_log_children'],
      ['request_responses', 'report_month_log_children'],
    ]) {
      await q.query(`
        CREATE TRIGGER ${table}_report_month_ins AFTER INSERT ON ${table} REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}();
        CREATE TRIGGER ${table}_report_month_upd AFTER UPDATE ON ${table} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}();
        CREATE TRIGGER ${table}_report_month_del AFTER DELETE ON ${table} REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}();
      `);
    }
    await q.query(`INSERT INTO report_month_changes(month) SELECT DISTINCT report_month(created_at) FROM emergency_requests ON CONFLICT DO NOTHING`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['emergency_requests', 'offers', 'request_recipients', 'request_receipts', 'request_responses']) {
      await q.query(`DROP TRIGGER ${table}_report_month_ins ON ${table}; DROP TRIGGER ${table}_report_month_upd ON ${table}; DROP TRIGGER ${table}_report_month_del ON ${table};`);
    }
    await q.query(`
      DROP FUNCTION report_month_log_children(); DROP FUNCTION report_month_log_requests();
      DROP TABLE report_month_changes; DROP TABLE report_month_values; DROP TABLE report_month_counts;
      DROP FUNCTION report_month(timestamptz);`);
  }
}
