import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Keys the audit chain. The chain's SHA-256 hashes are computed in the database, so whoever owns the
 * database could rewrite a row and recompute every hash after it. Each row now also gets a seal: an
 * HMAC of its hash under AUDIT_HMAC_KEY, a key the database never sees, written by the app in the
 * same transaction as the row. Because each hash covers all rows before it, the rows written before
 * this migration (up to `legacy_upto`) are anchored by the first sealed row.
 *
 * Also the indexes the audit page filters by (actor, organisation, action, period).
 */
export class AuditSeals1765100000000 implements MigrationInterface {
  name = 'AuditSeals1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_log_seals (
        id bigint PRIMARY KEY REFERENCES audit_log(id),
        mac char(64) NOT NULL
      );
      CREATE TRIGGER audit_log_seals_no_update BEFORE UPDATE OR DELETE ON audit_log_seals FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
      CREATE TRIGGER audit_log_seals_no_truncate BEFORE TRUNCATE ON audit_log_seals FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

      CREATE TABLE audit_log_keying (
        only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
        legacy_upto bigint NOT NULL
      );
      INSERT INTO audit_log_keying(legacy_upto) SELECT coalesce(max(id), 0) FROM audit_log;

      CREATE INDEX audit_log_at_idx ON audit_log(at DESC, id DESC);
      CREATE INDEX audit_log_actor_idx ON audit_log(actor_user_id, id DESC);
      CREATE INDEX audit_log_organisation_idx ON audit_log(actor_organisation_id, id DESC);
      CREATE INDEX audit_log_action_idx ON audit_log(action, id DESC);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX audit_log_at_idx, audit_log_actor_idx, audit_log_organisation_idx, audit_log_action_idx;
      DROP TABLE audit_log_keying, audit_log_seals;
    `);
  }
}
