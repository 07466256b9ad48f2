import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { returning } from '../database/sql';
import type { BaseType, ReportChapter, ReportScopeKind, ReportSection } from '@akiwa/contracts';

export interface PlaceRow {
  code: string;
  name: string;
  parentCode: string | null;
  regionId: string | null;
  regionName: string | null;
  regionShared: boolean;
  prefectureCode: string;
  prefectureName: string;
}

export interface OrganisationRow {
  id: string;
  name: string;
  kind: string;
  municipalityCode: string | null;
}

export interface TextRow {
  chapter: ReportChapter;
  section: ReportSection;
  body: string;
  version: number;
  updatedAt: Date;
  updatedByName: string | null;
}

export interface FactsRow {
  baseType: BaseType | null;
  coordinatorStaffing: string;
  shelter: boolean | null;
  version: number;
  updatedAt: Date;
  updatedByName: string | null;
}

export interface RegionSharingRow {
  regionId: string;
  regionName: string;
  shared: boolean;
  updatedAt: Date | null;
  updatedByName: string | null;
}

/** Who may read which area, and what the officer writes: the report's own tables. */
@Injectable()
export class ReportSettingsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async organisation(id: string): Promise<OrganisationRow | undefined> {
    const [row] = await this.db.query(`SELECT id, name, kind, municipality_code AS "municipalityCode" FROM organisations WHERE id = $1`, [id]);
    return row;
  }

  async place(code: string): Promise<PlaceRow | undefined> {
    const [row] = await this.db.query(
      `SELECT m.code, m.name, m.parent_code AS "parentCode", m.region_id AS "regionId", g.name AS "regionName",
              coalesce(g.reports_shared, false) AS "regionShared", m.prefecture_code AS "prefectureCode", p.name AS "prefectureName"
       FROM municipalities m LEFT JOIN regions g ON g.id = m.region_id JOIN prefectures p ON p.code = m.prefecture_code
       WHERE m.code = $1`,
      [code],
    );
    return row;
  }

  async region(id: string): Promise<{ id: string; name: string; prefectureCode: string; shared: boolean } | undefined> {
    const [row] = await this.db.query(`SELECT id, name, prefecture_code AS "prefectureCode", reports_shared AS shared FROM regions WHERE id = $1`, [id]);
    return row;
  }

  async prefecture(code: string): Promise<{ code: string; name: string } | undefined> {
    const [row] = await this.db.query(`SELECT code, name FROM prefectures WHERE code = $1`, [code]);
    return row;
  }

  /** Municipality codes of an area: a municipality with its wards, a region, or a prefecture. */
  async areaCodes(area: { municipality?: string; regionId?: string; prefectureCode?: string }): Promise<string[]> {
    const rows: { code: string }[] = await this.db.query(
      `SELECT code FROM municipalities
       WHERE ($1::text IS NOT NULL AND (code = $1 OR parent_code = $1))
          OR ($2::text IS NOT NULL AND region_id = $2)
          OR ($3::text IS NOT NULL AND prefecture_code = $3)
       ORDER BY code`,
      [area.municipality ?? null, area.regionId ?? null, area.prefectureCode ?? null],
    );
    return rows.map((r) => r.code);
  }

  async texts(kind: ReportScopeKind, code: string, fiscalYear: number): Promise<TextRow[]> {
    return this.db.query(
      `SELECT t.chapter, t.section, t.body, t.version, t.updated_at AS "updatedAt", u.display_name AS "updatedByName"
       FROM annual_report_texts t LEFT JOIN users u ON u.id = t.updated_by
       WHERE t.scope_kind = $1 AND t.scope_code = $2 AND t.fiscal_year = $3`,
      [kind, code, fiscalYear],
    );
  }

  /**
   * Saves one section if `version` is still the current one (0: never saved). Returns false on a
   * stale version, so two officers editing at once never silently overwrite each other.
   */
  async saveText(
    key: { kind: ReportScopeKind; code: string; fiscalYear: number; chapter: ReportChapter; section: ReportSection },
    body: string,
    version: number,
    userId: string,
  ): Promise<boolean> {
    const params = [key.kind, key.code, key.fiscalYear, key.chapter, key.section, body, userId];
    const rows =
      version === 0
        ? await returning(this.db,
            `INSERT INTO annual_report_texts(scope_kind, scope_code, fiscal_year, chapter, section, body, updated_by)
             VALUES ($1,$2,$3,$4,$5,$6,$7) ON CONFLICT DO NOTHING RETURNING version`,
            params,
          )
        : await returning(this.db,
            `UPDATE annual_report_texts SET body = $6, updated_by = $7, updated_at = now(), version = version + 1
             WHERE scope_kind = $1 AND scope_code = $2 AND fiscal_year = $3 AND chapter = $4 AND section = $5 AND version = $8
             RETURNING version`,
            [...params, version],
          );
    return rows.length === 1;
  }

  async facts(code: string, fiscalYear: number): Promise<FactsRow | undefined> {
    const [row] = await this.db.query(
      `SELECT f.base_type AS "baseType", f.coordinator_staffing AS "coordinatorStaffing", f.shelter, f.version, f.updated_at AS "updatedAt",
              u.display_name AS "updatedByName"
       FROM municipality_base_facts f LEFT JOIN users u ON u.id = f.updated_by
       WHERE f.municipality_code = $1 AND f.fiscal_year = $2`,
      [code, fiscalYear],
    );
    return row;
  }

  /** Saves the facts under the same version rule as the texts. */
  async saveFacts(code: string, fiscalYear: number, facts: { baseType: BaseType | null; coordinatorStaffing: string; shelter: boolean | null }, version: number, userId: string, tx: EntityManager = this.db.manager): Promise<boolean> {
    const params = [code, fiscalYear, facts.baseType, facts.coordinatorStaffing, facts.shelter, userId];
    const rows =
      version === 0
        ? await returning(tx,
            `INSERT INTO municipality_base_facts(municipality_code, fiscal_year, base_type, coordinator_staffing, shelter, updated_by)
             VALUES ($1,$2,$3,$4,$5,$6) ON CONFLICT DO NOTHING RETURNING version`,
            params,
          )
        : await returning(tx,
            `UPDATE municipality_base_facts SET base_type = $3, coordinator_staffing = $4, shelter = $5, updated_by = $6, updated_at = now(), version = version + 1
             WHERE municipality_code = $1 AND fiscal_year = $2 AND version = $7 RETURNING version`,
            [...params, version],
          );
    return rows.length === 1;
  }

  async regionSharing(regionId: string): Promise<RegionSharingRow | undefined> {
    const [row] = await this.db.query(
      `SELECT g.id AS "regionId", g.name AS "regionName", g.reports_shared AS shared, g.reports_shared_updated_at AS "updatedAt", u.display_name AS "updatedByName"
       FROM regions g LEFT JOIN users u ON u.id = g.reports_shared_updated_by WHERE g.id = $1`,
      [regionId],
    );
    return row;
  }

  async setRegionSharing(regionId: string, shared: boolean, userId: string, tx: EntityManager): Promise<void> {
    await tx.query(`UPDATE regions SET reports_shared = $2, reports_shared_updated_at = now(), reports_shared_updated_by = $3 WHERE id = $1`, [regionId, shared, userId]);
  }
}
