import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PersonalDataCipher } from '../common/crypto/personal-data.cipher';
import { trialAad } from '../trial-stays/trial-personal-data';

/**
 * Completes migration Persons1765850000000: a person made for a waiting-list entry typed in by a
 * provider gets the entry's name, decrypted under the entry's AAD and sealed under the person's (the
 * key is not in the database, so the migration could not). Idempotent and safe across instances:
 * a row is written only while it still waits for its name.
 */
@Injectable()
export class PersonNameBackfill implements OnApplicationBootstrap {
  private readonly logger = new Logger('PersonNameBackfill');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly cipher: PersonalDataCipher,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const rows: { id: string; entryId: string; enc: Buffer | null; plain: string | null }[] = await this.db.query(
      `SELECT p.id, w.id AS "entryId", w.display_name_encrypted AS enc, w.display_name AS plain
       FROM persons p JOIN waiting_list_entries w ON w.id = p.name_from_waiting_entry
       WHERE p.display_name IS NULL AND p.display_name_encrypted IS NULL`,
    );
    for (const r of rows) {
      const name = r.enc ? this.cipher.decrypt(r.enc, trialAad.waitingName(r.entryId)) : (r.plain ?? '');
      await this.db.query(
        `UPDATE persons SET display_name_encrypted = $2, name_from_waiting_entry = NULL WHERE id = $1 AND display_name_encrypted IS NULL`,
        [r.id, this.cipher.encrypt(name, trialAad.personName(r.id))],
      );
    }
    if (rows.length) this.logger.log(`Named ${rows.length} person(s) from their waiting-list entries`);
  }
}
