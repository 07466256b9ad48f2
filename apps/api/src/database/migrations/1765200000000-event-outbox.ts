import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The transactional outbox: every domain event is inserted in the transaction of the change it
 * describes, naming its audience (socket.io rooms). `id` is the insertion order; `position` is the
 * delivery order, assigned after commit by one sequencer at a time (advisory lock), so positions
 * become visible strictly in order and a reader's "everything after position n" never skips a late
 * commit. Clients see `position` as the event id and replay from the last one they saw.
 */
export class EventOutbox1765200000000 implements MigrationInterface {
  name = 'EventOutbox1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outbox_events (
        id bigserial PRIMARY KEY,
        position bigint UNIQUE,
        event text NOT NULL,
        rooms text[] NOT NULL CHECK (cardinality(rooms) > 0),
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        sequenced_at timestamptz
      );
      CREATE INDEX outbox_events_unsequenced ON outbox_events (id) WHERE position IS NULL;
      CREATE INDEX outbox_events_created_at ON outbox_events (created_at);
      CREATE SEQUENCE outbox_position_seq AS bigint;

      -- how far retention has deleted: a client behind this position must refetch everything
      CREATE TABLE outbox_watermark (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        pruned_through bigint NOT NULL DEFAULT 0
      );
      INSERT INTO outbox_watermark DEFAULT VALUES;

      -- wakes every instance's relay at commit (one notification per transaction)
      CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('akiwa_outbox', '');
        RETURN NULL;
      END $$;
      CREATE TRIGGER outbox_events_notify AFTER INSERT ON outbox_events FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE outbox_events;
      DROP TABLE outbox_watermark;
      DROP SEQUENCE outbox_position_seq;
      DROP FUNCTION outbox_notify();
    `);
  }
}
