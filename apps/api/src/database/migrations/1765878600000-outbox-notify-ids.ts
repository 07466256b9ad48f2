import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A writer's NOTIFY names the highest outbox id its INSERT wrote (`written:<id>`, see
 * parseOutboxNotice): the relay of the writer's own instance, which sequences at once after the commit,
 * recognises the notification of what it has just sequenced instead of taking the sequencer lock a
 * second time for nothing (three round trips per write). An INSERT of no rows notifies nobody.
 */
export class OutboxNotifyIds1765878600000 implements MigrationInterface {
  name = 'OutboxNotifyIds1765878600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        last bigint := (SELECT max(id) FROM added);
      BEGIN
        IF last IS NOT NULL THEN
          PERFORM pg_notify('akiwa_outbox', 'written:' || last);
        END IF;
        RETURN NULL;
      END $$;
      DROP TRIGGER outbox_events_notify ON outbox_events;
      CREATE TRIGGER outbox_events_notify AFTER INSERT ON outbox_events REFERENCING NEW TABLE AS added
        FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER outbox_events_notify ON outbox_events;
      CREATE OR REPLACE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('akiwa_outbox', '');
        RETURN NULL;
      END $$;
      CREATE TRIGGER outbox_events_notify AFTER INSERT ON outbox_events FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify();
    `);
  }
}
