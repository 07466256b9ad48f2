import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DEFAULT_NIGHT_CUTOFF_MINUTES } from '@akiwa/domain';
import type { AreaMunicipality } from './area-directory.service';

export interface RegionRow {
  id: string;
  prefectureCode: string;
}

/** The SQL that reads the geography (reference data, changed only by migrations) for the in-memory directory. */
@Injectable()
export class AreaDirectoryRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Every municipality with its region's night cutoff (the default outside any region). */
  async municipalities(): Promise<AreaMunicipality[]> {
    return this.db.query(
      `SELECT m.code, m.prefecture_code AS "prefectureCode", m.region_id AS "regionId", m.parent_code AS "parentCode",
              coalesce(r.night_cutoff_minutes, ${DEFAULT_NIGHT_CUTOFF_MINUTES}) AS "nightCutoffMinutes"
       FROM municipalities m LEFT JOIN regions r ON r.id = m.region_id`,
    );
  }

  async regions(): Promise<RegionRow[]> {
    return this.db.query(`SELECT id, prefecture_code AS "prefectureCode" FROM regions`);
  }

  async prefectureCodes(): Promise<string[]> {
    const rows: { code: string }[] = await this.db.query(`SELECT code FROM prefectures`);
    return rows.map((r) => r.code);
  }
}
