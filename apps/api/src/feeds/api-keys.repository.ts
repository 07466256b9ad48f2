import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { returning } from '../database/sql';

/** A key as stored, without its hash. */
export interface ApiKeyRecord {
  id: string;
  organisationId: string;
  organisationName: string;
  name: string;
  prefix: string;
  prefectureCode: string;
  createdAt: Date;
  revokedAt: Date | null;
}

/** What authenticating a request needs. */
export interface ApiKeyCredential {
  id: string;
  organisationId: string;
  prefectureCode: string;
  secretHash: Buffer;
  revoked: boolean;
}

const COLUMNS = `k.id, k.organisation_id AS "organisationId", o.name AS "organisationName", k.name, k.prefix,
  k.prefecture_code AS "prefectureCode", k.created_at AS "createdAt", k.revoked_at AS "revokedAt"`;

/** The SQL of the API-key aggregate. */
@Injectable()
export class ApiKeysRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /** The organisation a key is issued to, with the prefecture of its municipality (null when it has none). */
  async organisation(id: string): Promise<{ id: string; prefectureCode: string | null } | null> {
    const [row] = await this.db.query(
      `SELECT o.id, m.prefecture_code AS "prefectureCode" FROM organisations o LEFT JOIN municipalities m ON m.code = o.municipality_code WHERE o.id = $1`,
      [id],
    );
    return row ?? null;
  }

  async insert(
    tx: EntityManager,
    k: { organisationId: string; name: string; prefix: string; secretHash: Buffer; prefectureCode: string; createdAt: Date; createdBy: string },
  ): Promise<ApiKeyRecord> {
    const [row] = await returning<ApiKeyRecord>(
      tx,
      `WITH k AS (
         INSERT INTO api_keys(organisation_id, name, prefix, secret_hash, prefecture_code, created_at, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *
       )
       SELECT ${COLUMNS} FROM k JOIN organisations o ON o.id = k.organisation_id`,
      [k.organisationId, k.name, k.prefix, k.secretHash, k.prefectureCode, k.createdAt, k.createdBy],
    );
    return row;
  }

  /** Keys, newest first; of one organisation when given. */
  list(organisationId?: string): Promise<ApiKeyRecord[]> {
    return this.db.query(
      `SELECT ${COLUMNS} FROM api_keys k JOIN organisations o ON o.id = k.organisation_id
       WHERE $1::uuid IS NULL OR k.organisation_id = $1 ORDER BY k.created_at DESC, k.id`,
      [organisationId ?? null],
    );
  }

  async get(id: string, db: DataSource | EntityManager = this.db): Promise<ApiKeyRecord | null> {
    const [row] = await db.query(`SELECT ${COLUMNS} FROM api_keys k JOIN organisations o ON o.id = k.organisation_id WHERE k.id = $1`, [id]);
    return row ?? null;
  }

  /** Revokes a live key; false when it was already revoked (or does not exist). */
  async revoke(tx: EntityManager, id: string, at: Date, by: string): Promise<boolean> {
    const rows = await returning(tx, `UPDATE api_keys SET revoked_at = $2, revoked_by = $3 WHERE id = $1 AND revoked_at IS NULL RETURNING id`, [id, at, by]);
    return rows.length > 0;
  }

  async credential(prefix: string): Promise<ApiKeyCredential | null> {
    const [row] = await this.db.query(
      `SELECT id, organisation_id AS "organisationId", prefecture_code AS "prefectureCode", secret_hash AS "secretHash", revoked_at IS NOT NULL AS revoked
       FROM api_keys WHERE prefix = $1`,
      [prefix],
    );
    return row ?? null;
  }
}
