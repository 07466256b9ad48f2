import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-organisation API keys for the open feeds (issue 15). Only a SHA-256 of the key is kept (the key
 * is 32 random bytes: a slow hash adds nothing against guessing and would cost every feed request);
 * `prefix` is the public half a request is looked up by. A key reads only its prefecture, fixed when
 * it is issued. A revoked key stays (who revoked it, when) so that its past uses in the audit log
 * still name a key.
 */
export class ApiKeys1765869000000 implements MigrationInterface {
  name = 'ApiKeys1765869000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE api_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        prefix varchar(16) NOT NULL UNIQUE CHECK (prefix ~ '^[0-9a-f]{12}$'),
        secret_hash bytea NOT NULL CHECK (octet_length(secret_hash) = 32),
        prefecture_code varchar(2) NOT NULL REFERENCES prefectures(code),
        created_at timestamptz NOT NULL,
        created_by uuid REFERENCES users(id),
        revoked_at timestamptz,
        revoked_by uuid REFERENCES users(id),
        CONSTRAINT api_keys_revoked_by_someone CHECK ((revoked_at IS NULL) = (revoked_by IS NULL))
      );
      CREATE INDEX api_keys_organisation ON api_keys(organisation_id, created_at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE api_keys`);
  }
}
