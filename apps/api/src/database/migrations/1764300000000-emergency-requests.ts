import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Emergency requests (緊急時の受け入れ), who was told about them, offers holding bed-nights, the
 * timeline, and the tamper-evident audit log of personal-data access.
 *
 * The database is the last word on double booking:
 *  - a hold is `vacancies.held + 1` under the existing CHECK (held <= free);
 *  - `offers_one_confirmed_per_request` allows one placement per request;
 *  - `offers_one_live_per_organisation` allows one live offer per provider and request.
 */
export class EmergencyRequests1764300000000 implements MigrationInterface {
  name = 'EmergencyRequests1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE emergency_requests (
        id uuid PRIMARY KEY,
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        created_by uuid NOT NULL REFERENCES users(id),
        status varchar(10) NOT NULL DEFAULT 'open' CHECK (status IN ('open','placed','unplaced','cancelled')),
        urgency varchar(10) NOT NULL CHECK (urgency IN ('emergency','watch','normal')),
        age_band varchar(5) NOT NULL CHECK (age_band IN ('0-5','6-11','12-17','18-29','30-49','50-64','65+')),
        gender varchar(6) NOT NULL CHECK (gender IN ('male','female')),
        categories text[] NOT NULL
          CHECK (cardinality(categories) >= 1 AND categories <@ ARRAY['physical','intellectual','psychiatric','intractable_disease']::text[]),
        child boolean NOT NULL,
        support_level int NOT NULL CHECK (support_level BETWEEN 0 AND 6),
        special_needs text[] NOT NULL DEFAULT '{}'
          CHECK (special_needs <@ ARRAY['medical_care','severe_behavioural','severe_physical']::text[]),
        municipality_code varchar(5) NOT NULL REFERENCES municipalities(code),
        from_night date NOT NULL,
        -- short stay is at most 30 consecutive days
        nights int NOT NULL CHECK (nights BETWEEN 1 AND 30),
        scope varchar(12) NOT NULL DEFAULT 'municipality' CHECK (scope IN ('municipality','region','prefecture')),
        -- the next automatic step while open: widen, or at the prefecture declare it unplaced. Kept in the
        -- database so that timers survive restarts and any API instance's poller can take them.
        widens_at timestamptz,
        situation text NOT NULL,
        contracted_organisation_id uuid REFERENCES organisations(id),
        -- AES-256-GCM (PersonalDataCipher); the key lives outside the database
        person_encrypted bytea,
        follow_up_on date,
        -- per scope, why units were left out: the annual report's "no bed, and why"
        exclusions jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        closed_at timestamptz
      );
      CREATE INDEX emergency_requests_organisation_idx ON emergency_requests(organisation_id, created_at DESC);
      CREATE INDEX emergency_requests_due_idx ON emergency_requests(widens_at) WHERE status = 'open' AND widens_at IS NOT NULL;

      -- who may read a request: the providers it was sent to, with the units that matched
      CREATE TABLE request_recipients (
        request_id uuid NOT NULL REFERENCES emergency_requests(id),
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        scope varchar(12) NOT NULL CHECK (scope IN ('municipality','region','prefecture')),
        unit_ids uuid[] NOT NULL,
        notified_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (request_id, organisation_id)
      );
      CREATE INDEX request_recipients_inbox_idx ON request_recipients(organisation_id, notified_at DESC);

      CREATE TABLE request_responses (
        request_id uuid NOT NULL REFERENCES emergency_requests(id),
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        reason varchar(16) NOT NULL CHECK (reason IN ('full','medical_care','staffing','gender','other')),
        note text NOT NULL DEFAULT '',
        responded_by uuid NOT NULL REFERENCES users(id),
        at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (request_id, organisation_id)
      );

      CREATE TABLE offers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        request_id uuid NOT NULL REFERENCES emergency_requests(id),
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        unit_id uuid NOT NULL REFERENCES units(id),
        status varchar(10) NOT NULL DEFAULT 'held' CHECK (status IN ('held','confirmed','expired','withdrawn','released')),
        expires_at timestamptz NOT NULL,
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        closed_at timestamptz
      );
      CREATE UNIQUE INDEX offers_one_confirmed_per_request ON offers(request_id) WHERE status = 'confirmed';
      CREATE UNIQUE INDEX offers_one_live_per_organisation ON offers(request_id, organisation_id) WHERE status IN ('held','confirmed');
      CREATE INDEX offers_request_idx ON offers(request_id);
      CREATE INDEX offers_expiry_idx ON offers(expires_at) WHERE status = 'held';

      -- the vacancy rows an offer holds (one per night): released exactly once when the offer ends
      CREATE TABLE offer_nights (
        offer_id uuid NOT NULL REFERENCES offers(id),
        unit_id uuid NOT NULL,
        night date NOT NULL,
        gender varchar(6) NOT NULL CHECK (gender IN ('any','male','female')),
        PRIMARY KEY (offer_id, night),
        FOREIGN KEY (unit_id, night, gender) REFERENCES vacancies(unit_id, night, gender)
      );
      CREATE INDEX offer_nights_vacancy_idx ON offer_nights(unit_id, night, gender);

      CREATE TABLE request_events (
        id bigserial PRIMARY KEY,
        request_id uuid NOT NULL REFERENCES emergency_requests(id),
        at timestamptz NOT NULL DEFAULT now(),
        kind varchar(20) NOT NULL,
        actor_id uuid REFERENCES users(id),
        data jsonb NOT NULL DEFAULT '{}'
      );
      CREATE INDEX request_events_request_idx ON request_events(request_id, id);

      -- Append-only access log. Each row's hash covers the previous row's hash and its own canonical
      -- form, so changing or removing a row breaks the chain from there on (see AuditLog.verify).
      CREATE SEQUENCE audit_log_id_seq;
      CREATE TABLE audit_log (
        id bigint PRIMARY KEY,
        at timestamptz NOT NULL,
        actor_user_id uuid,
        actor_organisation_id uuid,
        action text NOT NULL,
        subject_type text NOT NULL,
        subject_id text NOT NULL,
        detail jsonb NOT NULL DEFAULT '{}',
        prev_hash char(64),
        hash char(64) NOT NULL
      );
      ALTER SEQUENCE audit_log_id_seq OWNED BY audit_log.id;
      CREATE INDEX audit_log_subject_idx ON audit_log(subject_type, subject_id);

      CREATE FUNCTION audit_log_row_hash(prev text, id bigint, at timestamptz, actor_user uuid, actor_org uuid, action text, subject_type text, subject_id text, detail jsonb)
      RETURNS text LANGUAGE sql STABLE AS $$
        SELECT encode(sha256(convert_to(jsonb_build_array(
          prev, id, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), actor_user, actor_org, action, subject_type, subject_id, detail
        )::text, 'UTF8')), 'hex')
      $$;

      CREATE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        last_hash text;
      BEGIN
        -- one appender at a time, so the chain is a line; the id is drawn under the lock to keep its order
        PERFORM pg_advisory_xact_lock(746100300);
        NEW.id := nextval('audit_log_id_seq');
        NEW.at := clock_timestamp();
        SELECT hash INTO last_hash FROM audit_log ORDER BY id DESC LIMIT 1;
        NEW.prev_hash := last_hash;
        NEW.hash := audit_log_row_hash(last_hash, NEW.id, NEW.at, NEW.actor_user_id, NEW.actor_organisation_id, NEW.action, NEW.subject_type, NEW.subject_id, NEW.detail);
        RETURN NEW;
      END $$;
      CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_chain();

      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
      END $$;
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE audit_log, request_events, offer_nights, offers, request_responses, request_recipients, emergency_requests;
      DROP FUNCTION audit_log_chain(), audit_log_append_only(), audit_log_row_hash(text, bigint, timestamptz, uuid, uuid, text, text, text, jsonb);
    `);
  }
}
