import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The ledger list's scope walk (issue 13, benchmark `ledger-search`). A coordinator's filter-only
 * list ("emergencies first, then by review date; risk flag, urgency, municipality, overdue") is
 * scoped by the sharing rows: at 100,000 persons a centre shares ~5,000, and looking each one up in
 * registrations cost ~20,000 buffer accesses per page (a random heap page per person, mostly evicted
 * on a busy server; still ~15,000 with a covering index): 40–1,000 ms under load.
 *
 * Each sharing row therefore carries a copy of what the list filters and orders on (the person's
 * registration id, urgency tier, next review date, municipality, risk flags), and one index in the
 * list's order per organisation answers a page by reading its first entries. The copy is the
 * database's to keep, never the app's: a sharing row takes it from `registrations` whenever it is
 * written (whatever the statement sets it to), and any write to registrations re-touches the sharing
 * rows of the persons it changed. `registrations` stays the truth; the page's rows are read from it.
 */
export class LedgerListing1765875000001 implements MigrationInterface {
  name = 'LedgerListing1765875000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE person_organisations
        ADD COLUMN registration_id uuid,
        ADD COLUMN urgency_tier varchar(10),
        ADD COLUMN next_review_on date,
        ADD COLUMN municipality_code varchar(5),
        ADD COLUMN risk_flags text[];
      COMMENT ON COLUMN person_organisations.registration_id IS 'copy of the person''s registration (with urgency_tier, next_review_on, municipality_code, risk_flags), kept by triggers for the ledger list';

      CREATE FUNCTION person_organisations_listing() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        SELECT r.id, r.urgency_tier, r.next_review_on, r.municipality_code, r.risk_flags
          INTO NEW.registration_id, NEW.urgency_tier, NEW.next_review_on, NEW.municipality_code, NEW.risk_flags
        FROM registrations r WHERE r.person_id = NEW.person_id;
        RETURN NEW;
      END $$;
      CREATE TRIGGER person_organisations_listing BEFORE INSERT OR UPDATE ON person_organisations
        FOR EACH ROW EXECUTE FUNCTION person_organisations_listing();

      -- one statement-level touch per write (a bulk insert of 5,000 registrations is one UPDATE)
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

      UPDATE person_organisations SET registration_id = NULL;

      CREATE INDEX person_organisations_ledger_idx ON person_organisations
        (organisation_id, (urgency_tier = 'emergency') DESC, next_review_on NULLS LAST, registration_id)
        INCLUDE (urgency_tier, municipality_code, risk_flags)
        WHERE withdrawn_at IS NULL AND registration_id IS NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER registrations_listing_insert ON registrations;
      DROP TRIGGER registrations_listing_update_new ON registrations;
      DROP TRIGGER registrations_listing_update_old ON registrations;
      DROP TRIGGER registrations_listing_delete ON registrations;
      DROP FUNCTION registrations_listing_new(), registrations_listing_old();
      DROP TRIGGER person_organisations_listing ON person_organisations;
      DROP FUNCTION person_organisations_listing();
      DROP INDEX person_organisations_ledger_idx;
      ALTER TABLE person_organisations DROP COLUMN registration_id, DROP COLUMN urgency_tier, DROP COLUMN next_review_on, DROP COLUMN municipality_code, DROP COLUMN risk_flags;
    `);
  }
}
