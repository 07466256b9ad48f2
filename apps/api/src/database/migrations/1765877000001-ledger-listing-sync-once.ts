import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * ledger_listing_sync() (1765877000000) runs once per statement, not also for its own UPDATE: while
 * it writes the copy it sets `akiwa.ledger_listing_sync` for the transaction, and the triggers that
 * UPDATE fires on person_organisations return at once (what it wrote is the registration's own
 * values). A statement that wrote no row returns before any planning (static checks of the transition
 * table: a scan of an in-memory tuplestore whatever the statistics).
 *
 * Why: single-row writes (the API, and the CSV import, which writes row by row) ran the function
 * three times per registration and twice per person, each run planning its statements afresh:
 * 1,000 person + registration pairs written one statement at a time took 4.4–8.6 s against 1.1–1.2 s
 * with the row triggers before (same database, load 13–15).
 */
export class LedgerListingSyncOnce1765877000001 implements MigrationInterface {
  name = 'LedgerListingSyncOnce1765877000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION ledger_listing_sync() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        touched text;
      BEGIN
        IF current_setting('akiwa.ledger_listing_sync', true) = 'on' THEN
          RETURN NULL; -- fired by the UPDATE below
        END IF;
        -- nothing written (INSERT … ON CONFLICT DO NOTHING of an existing sharing row): nothing to plan
        IF TG_OP = 'DELETE' THEN
          IF NOT EXISTS (SELECT FROM old_rows) THEN RETURN NULL; END IF;
        ELSIF NOT EXISTS (SELECT FROM new_rows) THEN
          RETURN NULL;
        END IF;
        FOR i IN 0 .. TG_NARGS - 1 LOOP
          touched := concat_ws(' UNION ', touched, format('SELECT person_id FROM %I', TG_ARGV[i]));
        END LOOP;
        PERFORM set_config('akiwa.ledger_listing_sync', 'on', true);
        EXECUTE format($sql$
          UPDATE person_organisations s
             SET registration_id = r.id, urgency_tier = r.urgency_tier, next_review_on = r.next_review_on,
                 municipality_code = r.municipality_code, risk_flags = r.risk_flags
            FROM (SELECT DISTINCT person_id FROM (%s) t) t LEFT JOIN registrations r ON r.person_id = t.person_id
           WHERE s.person_id = t.person_id
             AND (s.registration_id, s.urgency_tier, s.next_review_on, s.municipality_code, s.risk_flags)
                 IS DISTINCT FROM (r.id, r.urgency_tier, r.next_review_on, r.municipality_code, r.risk_flags)$sql$, touched);
        PERFORM set_config('akiwa.ledger_listing_sync', 'off', true);
        RETURN NULL;
      END $$;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION ledger_listing_sync() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        touched text := (SELECT string_agg(format('SELECT person_id FROM %I', t), ' UNION ') FROM unnest(TG_ARGV) t);
        anything boolean;
      BEGIN
        EXECUTE format('SELECT EXISTS (%s)', touched) INTO anything;
        IF NOT anything THEN
          RETURN NULL;
        END IF;
        EXECUTE format($sql$
          UPDATE person_organisations s
             SET registration_id = r.id, urgency_tier = r.urgency_tier, next_review_on = r.next_review_on,
                 municipality_code = r.municipality_code, risk_flags = r.risk_flags
            FROM (SELECT DISTINCT person_id FROM (%s) t) t LEFT JOIN registrations r ON r.person_id = t.person_id
           WHERE s.person_id = t.person_id
             AND (s.registration_id, s.urgency_tier, s.next_review_on, s.municipality_code, s.risk_flags)
                 IS DISTINCT FROM (r.id, r.urgency_tier, r.next_review_on, r.municipality_code, r.risk_flags)$sql$, touched);
        RETURN NULL;
      END $$;
    `);
  }
}
