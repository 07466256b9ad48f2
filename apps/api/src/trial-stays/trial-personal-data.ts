import { Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
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

  open(encrypted: Buffer, aad: string): string {
    return this.cipher.decrypt(encrypted, aad);
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
