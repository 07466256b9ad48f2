import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PersonalDataCipher } from '../common/crypto/personal-data.cipher';
import { situationAad } from './request.sql';

/** Encrypts situations stored in plaintext before they were encrypted at rest; idempotent across instances. */
@Injectable()
export class SituationEncryption implements OnApplicationBootstrap {
  private readonly logger = new Logger('SituationEncryption');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly cipher: PersonalDataCipher,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const rows: { id: string; situation: string }[] = await this.db.query(
      `SELECT id, situation FROM emergency_requests WHERE situation IS NOT NULL AND situation_encrypted IS NULL`,
    );
    for (const { id, situation } of rows) {
      await this.db.query(`UPDATE emergency_requests SET situation_encrypted = $2, situation = NULL WHERE id = $1 AND situation_encrypted IS NULL`, [
        id,
        this.cipher.encrypt(situation, situationAad(id)),
      ]);
    }
    if (rows.length) this.logger.log(`Encrypted ${rows.length} plaintext situation(s)`);
  }
}
