import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Web Push: one row per subscribed device (its push service endpoint and keys), owned by one user. */
export class PushSubscriptions1765500000003 implements MigrationInterface {
  name = 'PushSubscriptions1765500000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE push_subscriptions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        endpoint text NOT NULL UNIQUE,
        p256dh text NOT NULL,
        auth text NOT NULL,
        label text NOT NULL,
        created_at timestamptz NOT NULL,
        last_sent_at timestamptz
      );
      CREATE INDEX push_subscriptions_user_idx ON push_subscriptions(user_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE push_subscriptions`);
  }
}
