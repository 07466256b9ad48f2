import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `Idempotency-Key` on POST: the first answer per (user, key) is kept, so a retry after a connection
 * reset returns it instead of creating a second request/offer/stay. Rows expire after a day.
 */
export class IdempotencyKeys1765200000001 implements MigrationInterface {
  name = 'IdempotencyKeys1765200000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE idempotency_keys (
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        key text NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
        method text NOT NULL,
        path text NOT NULL,
        request_hash text NOT NULL,
        status int,
        response jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz,
        PRIMARY KEY (user_id, key)
      );
      CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE idempotency_keys`);
  }
}
