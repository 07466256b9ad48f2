import type { MigrationInterface, QueryRunner } from 'typeorm';
import { SessionEndReason } from '@akiwa/contracts';

const REASONS = Object.values(SessionEndReason)
  .map((r) => `'${r}'`)
  .join(',');

/**
 * Sessions that really end (issue 8): every access token names its session, checked on every request
 * and handshake; every refresh token belongs to one session (its family). Refresh tokens issued before
 * sessions existed have no family, so they are dropped: everyone logs in once more.
 */
export class Sessions1765000000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        -- the absolute lifetime: no refresh extends a session beyond it
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        revoked_reason varchar(24) CHECK (revoked_reason IN (${REASONS})),
        ip text,
        CHECK ((revoked_at IS NULL) = (revoked_reason IS NULL))
      );
      CREATE INDEX sessions_user_live_idx ON sessions(user_id) WHERE revoked_at IS NULL;

      DELETE FROM refresh_tokens;
      ALTER TABLE refresh_tokens ADD COLUMN session_id uuid NOT NULL REFERENCES sessions(id) ON DELETE CASCADE;
      CREATE INDEX refresh_tokens_session_idx ON refresh_tokens(session_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE refresh_tokens DROP COLUMN session_id; DROP TABLE sessions;`);
  }
}
