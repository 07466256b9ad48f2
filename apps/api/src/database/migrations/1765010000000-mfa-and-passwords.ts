import type { MigrationInterface, QueryRunner } from 'typeorm';
import { SessionRestriction } from '@akiwa/contracts';

const RESTRICTIONS = Object.values(SessionRestriction)
  .map((r) => `'${r}'`)
  .join(',');

/**
 * Two factors and passwords (issue 8): a TOTP secret per user (encrypted like personal data), hashed
 * one-time recovery codes, MFA enforceable per organisation, a one-time password set by an admin that
 * must be changed, and sessions restricted to enrolment or the password change until done.
 * Login throttling moves from a lock per account to delays per (account, IP) and per IP.
 */
export class MfaAndPasswords1765010000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE users
        ADD COLUMN totp_secret bytea,
        ADD COLUMN totp_pending_secret bytea,
        ADD COLUMN totp_enabled_at timestamptz,
        ADD COLUMN totp_last_step bigint,
        ADD COLUMN must_change_password boolean NOT NULL DEFAULT false,
        ADD CHECK ((totp_enabled_at IS NULL) = (totp_secret IS NULL));
      CREATE TABLE mfa_recovery_codes (
        id bigserial PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        code_hash char(64) NOT NULL,
        used_at timestamptz,
        UNIQUE (user_id, code_hash)
      );
      ALTER TABLE organisations ADD COLUMN mfa_required boolean NOT NULL DEFAULT false;
      ALTER TABLE sessions ADD COLUMN restriction varchar(24) CHECK (restriction IN (${RESTRICTIONS}));
      CREATE INDEX login_failures_email_ip_idx ON login_failures(lower(email), ip, at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX login_failures_email_ip_idx;
      ALTER TABLE sessions DROP COLUMN restriction;
      ALTER TABLE organisations DROP COLUMN mfa_required;
      DROP TABLE mfa_recovery_codes;
      ALTER TABLE users DROP COLUMN totp_secret, DROP COLUMN totp_pending_secret, DROP COLUMN totp_enabled_at, DROP COLUMN totp_last_step, DROP COLUMN must_change_password;
    `);
  }
}
