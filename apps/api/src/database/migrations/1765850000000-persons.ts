import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Person (issue 13): one record per real person within a municipality's base, shared by the
 * organisations that support them, used by trial stays, the waiting list and emergency requests.
 *
 * Data-preserving: `trial_persons` becomes `persons` (same ids, same ciphertexts: the name's AAD
 * `trial_person:<id>:display_name` is kept, so nothing needs the key here), and every organisation
 * that had a person gets a sharing row in `person_organisations`. A view `trial_persons` keeps the
 * old name readable and writable for code and SQL functions written against it (the trigger
 * function trial_stays_bed_nights, the reports); new code uses `persons`.
 *
 * Waiting-list entries a provider typed in without a person get a person of their own (owned by
 * that provider, in its municipality). Their name is sealed to the entry's row and the key is not in
 * the database, so the name is copied onto the person by the app at start-up (PersonNameBackfill):
 * until then `name_from_waiting_entry` names where it is.
 *
 * Sharing is consent-scoped: a row of `person_organisations` without `withdrawn_at` lets that
 * organisation read and use the person; withdrawal ends it at once (every read checks the row).
 */
export class Persons1765850000000 implements MigrationInterface {
  name = 'Persons1765850000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE trial_persons RENAME TO persons;
      ALTER INDEX trial_persons_organisation_idx RENAME TO persons_organisation_idx;
      ALTER TABLE persons RENAME CONSTRAINT trial_persons_name_present TO persons_name_present_legacy;
      ALTER TABLE persons
        ADD COLUMN name_from_waiting_entry uuid,
        ALTER COLUMN support_level DROP NOT NULL,
        DROP CONSTRAINT persons_name_present_legacy,
        ADD CONSTRAINT persons_name_present CHECK (display_name IS NOT NULL OR display_name_encrypted IS NOT NULL OR name_from_waiting_entry IS NOT NULL);
      COMMENT ON COLUMN persons.organisation_id IS 'the organisation that registered the person; who may use the person is person_organisations';

      CREATE TABLE person_organisations (
        person_id uuid NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        granted_at timestamptz NOT NULL DEFAULT now(),
        granted_by uuid REFERENCES users(id),
        withdrawn_at timestamptz,
        withdrawn_by uuid REFERENCES users(id),
        PRIMARY KEY (person_id, organisation_id)
      );
      CREATE INDEX person_organisations_active_idx ON person_organisations(organisation_id, person_id) WHERE withdrawn_at IS NULL;

      -- the registering organisation shares its own person (also for rows written through the old name)
      CREATE FUNCTION persons_owner_shares() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO person_organisations(person_id, organisation_id, granted_at, granted_by)
        VALUES (NEW.id, NEW.organisation_id, NEW.created_at, NEW.created_by) ON CONFLICT DO NOTHING;
        RETURN NULL;
      END $$;
      CREATE TRIGGER persons_owner_shares AFTER INSERT ON persons FOR EACH ROW EXECUTE FUNCTION persons_owner_shares();

      INSERT INTO person_organisations(person_id, organisation_id, granted_at, granted_by)
      SELECT id, organisation_id, created_at, created_by FROM persons;

      -- waiting-list entries typed in by a provider: a person each, owned by the provider
      INSERT INTO persons(id, organisation_id, display_name, age_band, gender, municipality_code, categories, support_level, special_needs, created_by, created_at, name_from_waiting_entry)
      SELECT gen_random_uuid(), w.organisation_id, w.display_name, w.age_band, w.gender, coalesce(u.municipality_code, o.municipality_code), w.categories, NULL, '{}', w.created_by, w.created_at,
             w.id
      FROM waiting_list_entries w JOIN organisations o ON o.id = w.organisation_id LEFT JOIN units u ON u.id = w.unit_id
      WHERE w.person_id IS NULL AND coalesce(u.municipality_code, o.municipality_code) IS NOT NULL;
      UPDATE waiting_list_entries w SET person_id = p.id FROM persons p WHERE p.name_from_waiting_entry = w.id AND w.person_id IS NULL;
      -- a plaintext name (left by a version before encryption) came along already
      UPDATE persons SET name_from_waiting_entry = NULL WHERE display_name IS NOT NULL;

      CREATE VIEW trial_persons AS SELECT * FROM persons;

      ALTER TABLE emergency_requests ADD COLUMN person_id uuid REFERENCES persons(id);
      CREATE INDEX emergency_requests_person_idx ON emergency_requests(person_id) WHERE person_id IS NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX emergency_requests_person_idx;
      ALTER TABLE emergency_requests DROP COLUMN person_id;
      DROP VIEW trial_persons;
      DROP TRIGGER persons_owner_shares ON persons;
      DROP FUNCTION persons_owner_shares();
      DROP TABLE person_organisations;
      UPDATE waiting_list_entries w SET person_id = NULL FROM persons p WHERE p.id = w.person_id AND p.support_level IS NULL AND w.coordinator_organisation_id IS NULL;
      DELETE FROM persons p WHERE support_level IS NULL AND NOT EXISTS (SELECT 1 FROM trial_stays s WHERE s.person_id = p.id);
      ALTER TABLE persons DROP CONSTRAINT persons_name_present, DROP COLUMN name_from_waiting_entry;
      ALTER TABLE persons ADD CONSTRAINT trial_persons_name_present CHECK (display_name IS NOT NULL OR display_name_encrypted IS NOT NULL);
      ALTER TABLE persons ALTER COLUMN support_level SET NOT NULL;
      ALTER INDEX persons_organisation_idx RENAME TO trial_persons_organisation_idx;
      ALTER TABLE persons RENAME TO trial_persons;
    `);
  }
}
