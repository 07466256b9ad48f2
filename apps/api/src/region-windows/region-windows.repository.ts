import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { UpdateRegionWindows } from '@akiwa/contracts';

type Db = DataSource | EntityManager;

/** A region's own windows; null where the region keeps the default (EMERGENCY_WIDEN_MINUTES). */
export interface WindowsRow {
  widenMinutes: number | null;
  answerMinutes: number | null;
}

export interface RegionWindowsRow extends WindowsRow {
  regionId: string;
  regionName: string;
  updatedAt: Date | null;
  updatedByName: string | null;
}

/** The SQL of a region's widening and response windows (the `regions` row and who changed it last). */
@Injectable()
export class RegionWindowsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The windows of the municipality's region; undefined for an unknown municipality, nulls for one in no region. */
  async forMunicipality(municipalityCode: string, db: Db = this.db): Promise<WindowsRow | undefined> {
    const [row] = await db.query(
      `SELECT r.widen_minutes AS "widenMinutes", r.answer_minutes AS "answerMinutes"
       FROM municipalities m LEFT JOIN regions r ON r.id = m.region_id WHERE m.code = $1`,
      [municipalityCode],
    );
    return row;
  }

  /** Locks the region row for the change and answers its windows before it. */
  async lockWindows(tx: EntityManager, regionId: string): Promise<WindowsRow | undefined> {
    const [before] = await tx.query(`SELECT widen_minutes AS "widenMinutes", answer_minutes AS "answerMinutes" FROM regions WHERE id = $1 FOR UPDATE`, [regionId]);
    return before;
  }

  async setWindows(tx: EntityManager, regionId: string, windows: UpdateRegionWindows, at: Date, by: string): Promise<void> {
    await tx.query(
      `UPDATE regions SET widen_minutes = $2, answer_minutes = $3, response_windows_updated_at = $4, response_windows_updated_by = $5 WHERE id = $1`,
      [regionId, windows.widenMinutes, windows.answerMinutes, at, by],
    );
  }

  async view(regionId: string): Promise<RegionWindowsRow | undefined> {
    const [r] = await this.db.query(
      `SELECT r.id AS "regionId", r.name AS "regionName", r.widen_minutes AS "widenMinutes", r.answer_minutes AS "answerMinutes",
              r.response_windows_updated_at AS "updatedAt", u.display_name AS "updatedByName"
       FROM regions r LEFT JOIN users u ON u.id = r.response_windows_updated_by WHERE r.id = $1`,
      [regionId],
    );
    return r;
  }
}
