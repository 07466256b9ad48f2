import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditLog } from '../audit/audit-log.service';
import type { AuthUser } from '../common/auth/auth-user';
import { PersonalDataCipher } from '../common/crypto/personal-data.cipher';

/** Additional data of each encrypted field: a ciphertext copied onto another row or field does not decrypt. */
export const trialAad = {
  personName: (personId: string) => `trial_person:${personId}:display_name`,
  stayNote: (stayId: string) => `trial_stay:${stayId}:note`,
  stayReason: (stayId: string) => `trial_stay:${stayId}:reason`,
  waitingName: (entryId: string) => `waiting_list_entry:${entryId}:display_name`,
  waitingNotes: (entryId: string) => `waiting_list_entry:${entryId}:notes`,
};

/** One audited read: the subjects whose identifying fields were decrypted for the caller. */
export interface PersonalRead {
  action: string;
  subjectType: 'trial_person' | 'trial_stay' | 'waiting_list_entry';
  /** One id: that record; several: one row for the whole list (subject id `list`, the ids in the detail). */
  subjectIds: string[];
  detail?: Record<string, unknown>;
}

/**
 * Personal fields of trial stays and waiting lists (要配慮個人情報): encrypted on write, decrypted
 * on read only for the parties that may see them, and every such read audited before it is handed
 * out. De-identified views never come through here.
 */
@Injectable()
export class TrialPersonalData {
  constructor(
    private readonly cipher: PersonalDataCipher,
    private readonly audit: AuditLog,
  ) {}

  seal(value: string, aad: string): Buffer {
    return this.cipher.encrypt(value, aad);
  }

  /** The encrypted value, or the plaintext a previous version left (until the start-up job has run). */
  open(encrypted: Buffer | null, plaintext: string | null, aad: string): string {
    return encrypted ? this.cipher.decrypt(encrypted, aad) : (plaintext ?? '');
  }

  /** Records the read (nothing when no subject was revealed). Call before returning the data. */
  async logRead(auth: AuthUser, read: PersonalRead, db?: DataSource | EntityManager): Promise<void> {
    const ids = [...new Set(read.subjectIds)];
    if (!ids.length) return;
    await this.audit.record(
      {
        actor: auth,
        action: read.action,
        subjectType: read.subjectType,
        subjectId: ids.length === 1 ? ids[0] : 'list',
        detail: { ...(ids.length > 1 ? { ids } : {}), ...read.detail },
      },
      db,
    );
  }
}

/** A plaintext column pair to encrypt at start-up. */
interface PlainColumn {
  table: string;
  plain: string;
  encrypted: string;
  aad: (id: string) => string;
}

const LEGACY: PlainColumn[] = [
  { table: 'persons', plain: 'display_name', encrypted: 'display_name_encrypted', aad: trialAad.personName },
  { table: 'trial_stays', plain: 'note', encrypted: 'note_encrypted', aad: trialAad.stayNote },
  { table: 'trial_stays', plain: 'reason', encrypted: 'reason_encrypted', aad: trialAad.stayReason },
  { table: 'waiting_list_entries', plain: 'display_name', encrypted: 'display_name_encrypted', aad: trialAad.waitingName },
  { table: 'waiting_list_entries', plain: 'notes', encrypted: 'notes_encrypted', aad: trialAad.waitingNotes },
];
const BATCH = 500;

/**
 * Encrypts what an earlier version (or the demo loader) stored in plaintext and clears the
 * plaintext. Idempotent and safe across instances: each row is updated only while its plaintext is
 * still there, and an existing ciphertext is kept (the plaintext beside it is stale).
 */
@Injectable()
export class TrialPersonalDataEncryption implements OnApplicationBootstrap {
  private readonly logger = new Logger('TrialPersonalDataEncryption');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly cipher: PersonalDataCipher,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const c of LEGACY) {
      let done = 0;
      for (;;) {
        const rows: { id: string; value: string }[] = await this.db.query(
          `SELECT id, ${c.plain} AS value FROM ${c.table} WHERE ${c.plain} IS NOT NULL ORDER BY id LIMIT ${BATCH}`,
        );
        for (const { id, value } of rows) {
          await this.db.query(
            `UPDATE ${c.table} SET ${c.encrypted} = coalesce(${c.encrypted}, $2), ${c.plain} = NULL WHERE id = $1 AND ${c.plain} IS NOT NULL`,
            [id, this.cipher.encrypt(value, c.aad(id))],
          );
        }
        done += rows.length;
        if (rows.length < BATCH) break;
      }
      if (done) this.logger.log(`Encrypted ${done} plaintext ${c.table}.${c.plain} value(s)`);
    }
  }
}
