import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The ledger list's copy on the sharing rows (1765875000001) is kept by statement-level triggers only,
 * each one set-based UPDATE planned when it runs: a bulk insert or CSV import costs a few statements,
 * not one lookup per row.
 *
 * Why: the copy was taken by a BEFORE row trigger on person_organisations, one `SELECT … FROM
 * registrations WHERE person_id = …` per sharing row written, also for every row the registrations
 * triggers re-touched. PL/pgSQL keeps that statement's plan for the connection, and one planned while
 * registrations was empty after a VACUUM (relpages 0) is a Seq Scan: measured on the ledger-search
 * seed, every later row scanned the whole table (auto_explain: 5,000 scans of up to 5,000 rows in the
 * first batch's trigger UPDATE, 9.6 s), so each 5,000-row batch cost more than the one before and the
 * 100,000-person seed ran over 8 minutes.
 *
 * Now: ledger_listing_sync() sets the copy of every sharing row of the persons a statement touched
 * (from its transition tables) to their registration's values, NULL without one, writing only rows
 * that differ. Its statements are dynamic (EXECUTE), so each is planned for the tables and the number
 * of touched rows at hand, never reused from an emptier table. The owner's own sharing row of a new
 * person is also written once per statement (persons_owner_shares, same statement-level form).
 * A write to person_organisations re-runs the sync on the rows it wrote (a hand-written copy is put
 * back); that UPDATE fires the trigger again, which finds nothing to change and stops at an empty
 * transition table.
 */
export class LedgerListingSetBased1765877000000 implements MigrationInterface {
  name = 'LedgerListingSetBased1765877000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER registrations_listing_insert ON registrations;
      DROP TRIGGER registrations_listing_update_new ON registrations;
      DROP TRIGGER registrations_listing_update_old ON registrations;
      DROP TRIGGER registrations_listing_delete ON registrations;
      DROP FUNCTION registrations_listing_new(), registrations_listing_old();
      DROP TRIGGER person_organisations_listing ON person_organisations;
      DROP FUNCTION person_organisations_listing();

      -- arguments: the names of the trigger's transition tables, whose person_id were touched
      CREATE FUNCTION ledger_listing_sync() RETURNS trigger LANGUAGE plpgsql AS $$
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

      CREATE TRIGGER registrations_listing_insert AFTER INSERT ON registrations
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger_listing_sync('new_rows');
      CREATE TRIGGER registrations_listing_update AFTER UPDATE ON registrations
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger_listing_sync('old_rows', 'new_rows');
      CREATE TRIGGER registrations_listing_delete AFTER DELETE ON registrations
        REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger_listing_sync('old_rows');
      CREATE TRIGGER person_organisations_listing_insert AFTER INSERT ON person_organisations
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger_listing_sync('new_rows');
      CREATE TRIGGER person_organisations_listing_update AFTER UPDATE ON person_organisations
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger_listing_sync('new_rows');

      -- the registering organisation shares its own person: one INSERT per statement
      DROP TRIGGER persons_owner_shares ON persons;
      CREATE OR REPLACE FUNCTION persons_owner_shares() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO person_organisations(person_id, organisation_id, granted_at, granted_by)
        SELECT id, organisation_id, created_at, created_by FROM new_rows ON CONFLICT DO NOTHING;
        RETURN NULL;
      END $$;
      CREATE TRIGGER persons_owner_shares AFTER INSERT ON persons
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION persons_owner_shares();

      -- unchanged rows are not written: this only proves the copy exact
      UPDATE person_organisations s
         SET registration_id = r.id, urgency_tier = r.urgency_tier, next_review_on = r.next_review_on,
             municipality_code = r.municipality_code, risk_flags = r.risk_flags
        FROM (SELECT DISTINCT person_id FROM person_organisations) t LEFT JOIN registrations r ON r.person_id = t.person_id
       WHERE s.person_id = t.person_id
         AND (s.registration_id, s.urgency_tier, s.next_review_on, s.municipality_code, s.risk_flags)
             IS DISTINCT FROM (r.id, r.urgency_tier, r.next_review_on, r.municipality_code, r.risk_flags);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER persons_owner_shares ON persons;
      CREATE OR REPLACE FUNCTION persons_owner_shares() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO person_organisations(person_id, organisation_id, granted_at, granted_by)
        VALUES (NEW.id, NEW.organisation_id, NEW.created_at, NEW.created_by) ON CONFLICT DO NOTHING;
        RETURN NULL;
      END $$;
      CREATE TRIGGER persons_owner_shares AFTER INSERT ON persons FOR EACH ROW EXECUTE FUNCTION persons_owner_shares();

      DROP TRIGGER registrations_listing_insert ON registrations;
      DROP TRIGGER registrations_listing_update ON registrations;
      DROP TRIGGER registrations_listing_delete ON registrations;
      DROP TRIGGER person_organisations_listing_insert ON person_organisations;
      DROP TRIGGER person_organisations_listing_update ON person_organisations;
      DROP FUNCTION ledger_listing_sync();

      CREATE FUNCTION person_organisations_listing() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        SELECT r.id, r.urgency_tier, r.next_review_on, r.municipality_code, r.risk_flags
          INTO NEW.registration_id, NEW.urgency_tier, NEW.next_review_on, NEW.municipality_code, NEW.risk_flags
        FROM registrations r WHERE r.person_id = NEW.person_id;
        RETURN NEW;
      END $$;
      CREATE TRIGGER person_organisations_listing BEFORE INSERT OR UPDATE ON person_organisations
        FOR EACH ROW EXECUTE FUNCTION person_organisations_listing();
      CREATE FUNCTION registrations_listing_new() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE person_organisations s SET registration_id = NULL WHERE s.person_id IN (SELECT person_id FROM changed);
        RETURN NULL;
      END $$;
      CREATE FUNCTION registrations_listing_old() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE person_organisations s SET registration_id = NULL WHERE s.person_id IN (SELECT person_id FROM before);
        RETURN NULL;
      END $$;
      CREATE TRIGGER registrations_listing_insert AFTER INSERT ON registrations
        REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION registrations_listing_new();
      CREATE TRIGGER registrations_listing_update_new AFTER UPDATE ON registrations
        REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION registrations_listing_new();
      CREATE TRIGGER registrations_listing_update_old AFTER UPDATE ON registrations
        REFERENCING OLD TABLE AS before FOR EACH STATEMENT EXECUTE FUNCTION registrations_listing_old();
      CREATE TRIGGER registrations_listing_delete AFTER DELETE ON registrations
        REFERENCING OLD TABLE AS before FOR EACH STATEMENT EXECUTE FUNCTION registrations_listing_old();
    `);
  }
}
