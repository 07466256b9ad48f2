import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Role } from '@akiwa/contracts';
import { returning } from '../database/sql';

/** What login needs to know of an account. */
export interface CredentialRow {
  id: string;
  organisation_id: string;
  email: string;
  display_name: string;
  role: Role;
  active: boolean;
  password_hash: string;
  must_change_password: boolean;
  totp_secret: Buffer | null;
  totp_pending_secret: Buffer | null;
  totp_last_step: string | null;
  mfa_enabled: boolean;
  organisation_mfa_required: boolean;
}

export interface FailureTallyRow {
  pair_count: number;
  pair_last: Date | null;
  ip_count: number;
  ip_last: Date | null;
}

/** The SQL of users' credentials (password, TOTP, recovery codes) and of failed logins. */
@Injectable()
export class CredentialsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  private readonly select = `
    SELECT u.id, u.organisation_id, u.email, u.display_name, u.role, u.active, u.password_hash, u.must_change_password,
           u.totp_secret, u.totp_pending_secret, u.totp_last_step::text, u.totp_enabled_at IS NOT NULL AS mfa_enabled,
           o.mfa_required AS organisation_mfa_required
      FROM users u JOIN organisations o ON o.id = u.organisation_id`;

  async byEmail(email: string): Promise<CredentialRow | null> {
    const [row] = await this.db.query(`${this.select} WHERE lower(u.email) = lower($1)`, [email]);
    return row ?? null;
  }

  async byId(id: string): Promise<CredentialRow | null> {
    const [row] = await this.db.query(`${this.select} WHERE u.id = $1`, [id]);
    return row ?? null;
  }

  async setPassword(userId: string, passwordHash: string, mustChange: boolean): Promise<void> {
    await this.db.query(`UPDATE users SET password_hash = $2, must_change_password = $3, updated_at = now() WHERE id = $1`, [userId, passwordHash, mustChange]);
  }

  async setPendingTotp(userId: string, secret: Buffer): Promise<void> {
    await this.db.query(`UPDATE users SET totp_pending_secret = $2 WHERE id = $1`, [userId, secret]);
  }

  /** Enables the pending secret and replaces the recovery codes, in one transaction. */
  async enableTotp(userId: string, secret: Buffer, step: number, recoveryCodeHashes: string[]): Promise<void> {
    await this.db.transaction(async (m) => {
      await m.query(`UPDATE users SET totp_secret = $2, totp_pending_secret = NULL, totp_enabled_at = now(), totp_last_step = $3 WHERE id = $1`, [userId, secret, step]);
      await m.query(`DELETE FROM mfa_recovery_codes WHERE user_id = $1`, [userId]);
      await m.query(`INSERT INTO mfa_recovery_codes(user_id, code_hash) SELECT $1, unnest($2::text[])`, [userId, recoveryCodeHashes]);
    });
  }

  async disableTotp(userId: string): Promise<void> {
    await this.db.transaction(async (m) => {
      await m.query(`UPDATE users SET totp_secret = NULL, totp_pending_secret = NULL, totp_enabled_at = NULL, totp_last_step = NULL WHERE id = $1`, [userId]);
      await m.query(`DELETE FROM mfa_recovery_codes WHERE user_id = $1`, [userId]);
    });
  }

  /** Records the time step a code was accepted for; false if that step (or a later one) was used already: no replay. */
  async claimTotpStep(userId: string, step: number): Promise<boolean> {
    const rows = await returning(this.db, `UPDATE users SET totp_last_step = $2 WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2) RETURNING id`, [userId, step]);
    return rows.length > 0;
  }

  /** Spends one recovery code; false if unknown or used. */
  async useRecoveryCode(userId: string, codeHash: string): Promise<boolean> {
    const rows = await returning(this.db, `UPDATE mfa_recovery_codes SET used_at = now() WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL RETURNING id`, [userId, codeHash]);
    return rows.length > 0;
  }

  async recoveryCodesLeft(userId: string): Promise<number> {
    const [{ n }] = await this.db.query(`SELECT count(*)::int AS n FROM mfa_recovery_codes WHERE user_id = $1 AND used_at IS NULL`, [userId]);
    return n;
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    await this.db.query(`INSERT INTO login_failures(email, ip) VALUES ($1, $2)`, [email, ip]);
  }

  /** Failures within the window of this account from this IP, and of any account from this IP. */
  async failureTally(email: string, ip: string, windowSeconds: number): Promise<FailureTallyRow> {
    const [row] = await this.db.query(
      `SELECT count(*) FILTER (WHERE lower(email) = lower($1))::int AS pair_count, max(at) FILTER (WHERE lower(email) = lower($1)) AS pair_last,
              count(*)::int AS ip_count, max(at) AS ip_last
         FROM login_failures WHERE ip = $2 AND at > now() - make_interval(secs => $3)`,
      [email, ip, windowSeconds],
    );
    return row;
  }

  /** A successful login forgets this pair's failures (not the IP's, nor other IPs'). */
  async clearPairFailures(email: string, ip: string): Promise<void> {
    await this.db.query(`DELETE FROM login_failures WHERE lower(email) = lower($1) AND ip = $2`, [email, ip]);
  }
}
