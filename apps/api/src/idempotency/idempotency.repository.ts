import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { PersonalDataCipher } from '../common/crypto/personal-data.cipher';
import { returning } from '../database/sql';

/** A stored answer can be a request's view with its notes and person: encrypted like them, bound to its (user, key). */
export const idempotencyAad = (userId: string, key: string) => `idempotency_key:${userId}:${key}:response`;

export interface StoredKey {
  method: string;
  path: string;
  requestHash: string;
  status: number | null;
  response: unknown;
  ageMs: number;
}

/** The SQL of idempotency keys (migrations IdempotencyKeys1765200000001, EncryptRequestTexts1765800000000). */
@Injectable()
export class IdempotencyRepository {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly cipher: PersonalDataCipher,
  ) {}

  /** Claims the key for this request; false when it exists already. */
  async claim(userId: string, key: string, method: string, path: string, requestHash: string): Promise<boolean> {
    const rows = await this.db.query(
      `INSERT INTO idempotency_keys(user_id, key, method, path, request_hash) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (user_id, key) DO NOTHING RETURNING 1`,
      [userId, key, method, path, requestHash],
    );
    return rows.length > 0;
  }

  async find(userId: string, key: string): Promise<StoredKey | null> {
    const [row]: (Omit<StoredKey, 'response'> & { response: Buffer | null })[] = await this.db.query(
      `SELECT method, path, request_hash AS "requestHash", status, response_encrypted AS response,
              (extract(epoch FROM now() - created_at) * 1000)::float8 AS "ageMs"
       FROM idempotency_keys WHERE user_id = $1 AND key = $2`,
      [userId, key],
    );
    if (!row) return null;
    return { ...row, response: row.response ? this.cipher.decryptJson(row.response, idempotencyAad(userId, key)) : null };
  }

  /** Takes over a claim whose request never completed (its instance died), once it is older than `staleMs`. */
  async reclaim(userId: string, key: string, staleMs: number): Promise<boolean> {
    const rows = await returning(
      this.db,
      `UPDATE idempotency_keys SET created_at = now() WHERE user_id = $1 AND key = $2 AND status IS NULL
         AND created_at < now() - make_interval(secs => $3 / 1000.0) RETURNING 1`,
      [userId, key, staleMs],
    );
    return rows.length > 0;
  }

  async complete(userId: string, key: string, status: number, response: unknown): Promise<void> {
    await this.db.query(`UPDATE idempotency_keys SET status = $3, response_encrypted = $4, completed_at = now() WHERE user_id = $1 AND key = $2`, [
      userId,
      key,
      status,
      this.cipher.encryptJson(response ?? null, idempotencyAad(userId, key)),
    ]);
  }

  async release(userId: string, key: string): Promise<void> {
    await this.db.query(`DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2 AND status IS NULL`, [userId, key]);
  }

  async prune(): Promise<void> {
    await this.db.query(`DELETE FROM idempotency_keys WHERE created_at < now() - interval '1 day'`);
  }
}
