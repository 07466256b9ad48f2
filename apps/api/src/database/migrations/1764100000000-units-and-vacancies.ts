import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Units (短期入所の床・GHの住居・施設入所の床), their edit history, and nightly vacancies.
 * The database itself guarantees the bed arithmetic: free ≥ 0, 0 ≤ held ≤ free, and the free beds of
 * one night (summed over genders) never above the unit's capacity. Enum values are frozen here.
 */
export class UnitsAndVacancies1764100000000 implements MigrationInterface {
  name = 'UnitsAndVacancies1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE units (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        service_type varchar(32) NOT NULL CHECK (service_type IN (
          'short_stay_attached','short_stay_vacant_bed','short_stay_standalone',
          'group_home_care','group_home_daytime','group_home_external','residential')),
        municipality_code varchar(5) NOT NULL REFERENCES municipalities(code),
        capacity int NOT NULL CHECK (capacity BETWEEN 1 AND 200),
        categories text[] NOT NULL DEFAULT '{}'
          CHECK (categories <@ ARRAY['physical','intellectual','psychiatric','intractable_disease']::text[]),
        accepts_children boolean NOT NULL DEFAULT false,
        support_level_min int NOT NULL CHECK (support_level_min BETWEEN 0 AND 6),
        support_level_max int NOT NULL CHECK (support_level_max BETWEEN 0 AND 6),
        special_needs text[] NOT NULL DEFAULT '{}'
          CHECK (special_needs <@ ARRAY['medical_care','severe_behavioural','severe_physical']::text[]),
        room_gender varchar(8) NOT NULL CHECK (room_gender IN ('male','female','either')),
        emergency_ok boolean NOT NULL DEFAULT false,
        trial_ok boolean NOT NULL DEFAULT false,
        contact_24h text NOT NULL DEFAULT '',
        note text NOT NULL DEFAULT '',
        version int NOT NULL DEFAULT 1,
        vacancy_version int NOT NULL DEFAULT 1,
        retired_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT units_support_level_range CHECK (support_level_min <= support_level_max)
      );
      CREATE INDEX units_organisation_idx ON units(organisation_id);
      -- Search: the area is always given, as a list of municipality codes; retired units never match.
      CREATE INDEX units_search_municipality_idx ON units(municipality_code) WHERE retired_at IS NULL;
      CREATE INDEX units_search_categories_idx ON units USING gin(categories) WHERE retired_at IS NULL;
      CREATE INDEX units_search_special_needs_idx ON units USING gin(special_needs) WHERE retired_at IS NULL;
      -- Two active units of one provider with the same name would be indistinguishable on the board.
      CREATE UNIQUE INDEX units_organisation_name_key ON units(organisation_id, name) WHERE retired_at IS NULL;

      CREATE TABLE unit_history (
        unit_id uuid NOT NULL REFERENCES units(id),
        version int NOT NULL,
        action varchar(8) NOT NULL CHECK (action IN ('create','update','retire')),
        snapshot jsonb NOT NULL,
        changed_by uuid REFERENCES users(id),
        changed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (unit_id, version)
      );

      CREATE TABLE vacancies (
        unit_id uuid NOT NULL REFERENCES units(id),
        night date NOT NULL,
        gender varchar(6) NOT NULL CHECK (gender IN ('any','male','female')),
        free int NOT NULL CONSTRAINT vacancies_free_check CHECK (free >= 0),
        -- beds taken by emergency holds and placements (a later feature); never more than free
        held int NOT NULL DEFAULT 0,
        confirmed_at timestamptz NOT NULL DEFAULT now(),
        confirmed_by uuid REFERENCES users(id),
        -- INCLUDE lets the search read a unit's nights from the index alone
        PRIMARY KEY (unit_id, night, gender) INCLUDE (free, held, confirmed_at),
        CONSTRAINT vacancies_held_check CHECK (held >= 0 AND held <= free)
      );

      -- Free beds of a night, summed over genders, never above capacity. Locking the unit row
      -- serialises concurrent writers of one unit, so two transactions cannot each add beds unseen.
      CREATE FUNCTION vacancies_within_capacity() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        cap int;
        total int;
      BEGIN
        SELECT capacity INTO cap FROM units WHERE id = NEW.unit_id FOR NO KEY UPDATE;
        SELECT coalesce(sum(free), 0) INTO total FROM vacancies WHERE unit_id = NEW.unit_id AND night = NEW.night;
        IF total > cap THEN
          RAISE EXCEPTION 'free beds (%) exceed the capacity (%) of unit % on %', total, cap, NEW.unit_id, NEW.night
            USING ERRCODE = 'check_violation', CONSTRAINT = 'vacancies_within_capacity';
        END IF;
        RETURN NULL;
      END $$;
      -- deferred, so moving a bed from one gender's row to another's within a transaction is allowed
      CREATE CONSTRAINT TRIGGER vacancies_within_capacity
        AFTER INSERT OR UPDATE OF free, night, unit_id ON vacancies
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION vacancies_within_capacity();

      -- Lowering a capacity below the beds already declared free for tonight or later is refused.
      -- Past nights are history and keep the figures they had.
      CREATE FUNCTION units_capacity_covers_vacancies() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.capacity < OLD.capacity AND EXISTS (
          SELECT 1 FROM vacancies
          WHERE unit_id = NEW.id AND night >= (now() AT TIME ZONE 'Asia/Tokyo')::date
          GROUP BY night HAVING sum(free) > NEW.capacity
        ) THEN
          RAISE EXCEPTION 'unit % has more free beds than the new capacity %', NEW.id, NEW.capacity
            USING ERRCODE = 'check_violation', CONSTRAINT = 'units_capacity_covers_vacancies';
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER units_capacity_covers_vacancies BEFORE UPDATE OF capacity ON units
        FOR EACH ROW EXECUTE FUNCTION units_capacity_covers_vacancies();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE vacancies, unit_history, units;
      DROP FUNCTION vacancies_within_capacity();
      DROP FUNCTION units_capacity_covers_vacancies();
    `);
  }
}
