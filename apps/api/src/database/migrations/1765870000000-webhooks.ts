import type { MigrationInterface, QueryRunner } from 'typeorm';
import { WEBHOOK_DELIVERY_STATUSES, WEBHOOK_EVENT_TYPES } from '@akiwa/contracts';
import { enumCheck } from '../sql';

/**
 * Webhooks (issue 15). `webhook_endpoints`: an organisation's registered URLs, each following one
 * area (its board room, matched against the outbox events' rooms), with its signing secret encrypted
 * by the personal-data key (the key stays outside the database) and its failure state.
 * `webhook_cursor`: how far the outbox has been fanned out into `webhook_deliveries` — moved in the
 * transaction that inserts the deliveries, so a restart neither loses nor repeats a fan-out; it starts
 * at the head (events from before webhooks existed are not sent). `webhook_deliveries`: one row per
 * (endpoint, event), its id the delivery id the receiver sees on every retry.
 */
export class Webhooks1765870000000 implements MigrationInterface {
  name = 'Webhooks1765870000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE webhook_endpoints (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
        url text NOT NULL CHECK (length(url) BETWEEN 8 AND 2000),
        name text NOT NULL DEFAULT '' CHECK (length(name) <= 100),
        prefecture_code varchar(2) REFERENCES prefectures(code),
        region_id varchar(40) REFERENCES regions(id),
        municipality_code varchar(5) REFERENCES municipalities(code),
        room text NOT NULL,
        secret bytea NOT NULL,
        created_at timestamptz NOT NULL,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        consecutive_failures int NOT NULL DEFAULT 0 CHECK (consecutive_failures >= 0),
        last_error text,
        last_failure_at timestamptz,
        last_success_at timestamptz,
        disabled_at timestamptz,
        CONSTRAINT webhook_endpoints_one_area CHECK (num_nonnulls(prefecture_code, region_id, municipality_code) = 1)
      );
      CREATE INDEX webhook_endpoints_organisation ON webhook_endpoints(organisation_id, created_at);
      CREATE INDEX webhook_endpoints_live_room ON webhook_endpoints(room) WHERE disabled_at IS NULL;

      CREATE TABLE webhook_cursor (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        position bigint NOT NULL
      );
      INSERT INTO webhook_cursor(position) SELECT coalesce(max(position), 0) FROM outbox_events;

      CREATE TABLE webhook_deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        endpoint_id uuid NOT NULL REFERENCES webhook_endpoints(id) ON DELETE CASCADE,
        event_position bigint NOT NULL,
        event text NOT NULL ${enumCheck('event', WEBHOOK_EVENT_TYPES)},
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'pending' ${enumCheck('status', WEBHOOK_DELIVERY_STATUSES)},
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz,
        last_attempt_at timestamptz,
        last_status int,
        last_error text,
        delivered_at timestamptz,
        CONSTRAINT webhook_deliveries_once UNIQUE (endpoint_id, event_position),
        CONSTRAINT webhook_deliveries_pending_scheduled CHECK ((status = 'pending') = (next_attempt_at IS NOT NULL))
      );
      CREATE INDEX webhook_deliveries_due ON webhook_deliveries(next_attempt_at) WHERE status = 'pending';
      CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries(endpoint_id, event_position DESC);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE webhook_deliveries; DROP TABLE webhook_cursor; DROP TABLE webhook_endpoints`);
  }
}
