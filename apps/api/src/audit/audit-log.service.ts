import { createHmac, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ENV, type ResolvedEnv } from '../config/env';
import type { AuthUser } from '../common/auth/auth-user';
import { AuditRepository } from './audit.repository';

export interface AuditEntry {
  /** A user, or an organisation acting through an API key (no user), or the system (null). */
  actor: (Pick<AuthUser, 'organisationId'> & { userId: string | null }) | null;
  /** What was done, e.g. `person.read`, `person.write`. */
  action: string;
  subjectType: string;
  subjectId: string;
  detail?: Record<string, unknown>;
}

export interface ChainCheck {
  rows: number;
  /** The first row whose link, hash or seal does not match, or null when intact. */
  brokenAt: string | null;
  reason: 'hash' | 'seal' | 'missing_seal' | 'truncated' | null;
}

const BATCH = 5000;

/**
 * The append-only access log (who, when in UTC, which record, what was done). The database assigns
 * the id, the time and the hash chain in a trigger and refuses UPDATE, DELETE and TRUNCATE; the app's
 * role may only insert. Each row is sealed in the same transaction with an HMAC of its hash under
 * AUDIT_HMAC_KEY, which the database never sees: even its owner cannot rewrite a row unnoticed.
 */
@Injectable()
export class AuditLog {
  private readonly key: Buffer;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repo: AuditRepository,
    @Inject(ENV) env: ResolvedEnv,
  ) {
    this.key = Buffer.from(env.AUDIT_HMAC_KEY, 'base64');
  }

  /**
   * Writes one row and its seal. Call it before handing out what is being logged: if the log cannot
   * be written, the data is not shown. Outside a caller's transaction the chain lock is held only for
   * this insert.
   */
  async record(e: AuditEntry, db: DataSource | EntityManager = this.db): Promise<void> {
    const write = async (m: DataSource | EntityManager) => {
      const row = await this.repo.insert(m, e);
      await this.repo.insertSeal(m, row.id, this.seal(row.id, row.hash));
    };
    if (db instanceof EntityManager && db.queryRunner?.isTransactionActive) return write(db);
    await (db instanceof DataSource ? db : db.connection).transaction(write);
  }

  /**
   * A read that writes its own audit row in the same statement (AuditRepository.listReadInsert) and
   * returns it (`audit`; none when nothing was read): the row is sealed in the read's transaction,
   * the seal sent with the COMMIT (three round trips in all). `open` (the decryption) runs while the
   * commit is being flushed, and what it gives is handed out only once the commit succeeded: nothing
   * decrypted leaves without its row durable and sealed.
   */
  async readLogged<R, T>(read: (tx: EntityManager) => Promise<{ rows: R; audit?: { id: string; hash: string } }>, open: (rows: R) => T): Promise<T> {
    const qr = this.db.createQueryRunner();
    let inTransaction = false;
    try {
      // BEGIN and COMMIT sent as SQL (not startTransaction) so that the seal travels with the COMMIT; TypeORM
      // does not know of this transaction, so `read` only runs statements on `tx` (never a transaction of its own)
      await qr.query('BEGIN');
      inTransaction = true;
      const { rows, audit } = await read(qr.manager);
      const committed = this.repo.sealAndCommit(qr.manager, audit && { id: audit.id, mac: this.seal(audit.id, audit.hash) });
      // opened after the COMMIT is on its way (setImmediate: once the query's microtasks have sent it)
      const opened = new Promise<T>((resolve, reject) =>
        setImmediate(() => {
          try {
            resolve(open(rows));
          } catch (e) {
            reject(e as Error);
          }
        }),
      );
      const [commit, result] = await Promise.allSettled([committed, opened]);
      if (commit.status === 'rejected') throw commit.reason;
      inTransaction = false;
      if (result.status === 'rejected') throw result.reason;
      return result.value;
    } catch (e) {
      if (inTransaction) await qr.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      await qr.release();
    }
  }

  /** HMAC-SHA256 of a row's id and chain hash. */
  seal(id: string, hash: string): string {
    return createHmac('sha256', this.key).update(`${id}:${hash}`).digest('hex');
  }

  /**
   * Recomputes the chain and checks every seal written since the log was keyed (the rows before are
   * anchored by the first sealed row's hash). `expectAtLeast` catches a removed tail: the id and seal
   * of the last row seen by the previous check.
   */
  async verify(expectAtLeast?: { id: string; mac: string }): Promise<ChainCheck> {
    const chain = await this.repo.chain();
    if (chain.brokenAt) return { rows: chain.rows, brokenAt: chain.brokenAt, reason: 'hash' };
    let after = await this.repo.legacyUpto();
    for (;;) {
      const rows = await this.repo.sealedAfter(after, BATCH);
      for (const r of rows) {
        if (!r.mac) return { rows: chain.rows, brokenAt: r.id, reason: 'missing_seal' };
        if (!timingSafeEqual(Buffer.from(r.mac), Buffer.from(this.seal(r.id, r.hash)))) return { rows: chain.rows, brokenAt: r.id, reason: 'seal' };
      }
      if (rows.length < BATCH) break;
      after = rows.at(-1)!.id;
    }
    if (expectAtLeast) {
      if ((await this.repo.sealOf(expectAtLeast.id)) !== expectAtLeast.mac) return { rows: chain.rows, brokenAt: expectAtLeast.id, reason: 'truncated' };
    }
    return { rows: chain.rows, brokenAt: null, reason: null };
  }

  /** The last sealed row, for the next check's `expectAtLeast`. */
  async lastSeal(): Promise<{ id: string; mac: string } | undefined> {
    return this.repo.lastSeal();
  }
}

/** The names of the fields a partial update sets (never their values: a password above all). */
export function changedFields(dto: object): string[] {
  return Object.entries(dto)
    .filter(([, v]) => v !== undefined)
    .map(([k]) => k)
    .sort();
}
