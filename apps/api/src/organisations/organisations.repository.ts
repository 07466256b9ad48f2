import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { OrganisationKind } from '@akiwa/contracts';
import { Organisation } from './organisation.entity';

export interface MemberRow {
  id: string;
  displayName: string;
  role: string;
}

export interface ServiceAreaRow {
  /** The prefecture of the organisation's own municipality (null: none set). */
  homePrefecture: string | null;
  /** The municipalities of its explicit service area, sorted; empty: the default (its prefecture). */
  codes: string[];
}

/** The data access of the organisation aggregate: its entity, members and service area. */
@Injectable()
export class OrganisationsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  private get entities() {
    return this.db.getRepository(Organisation);
  }

  async page(limit: number, offset: number): Promise<[Organisation[], number]> {
    return this.entities.findAndCount({ order: { name: 'ASC' }, take: limit, skip: offset });
  }

  async insert(fields: { name: string; kind: OrganisationKind; municipalityCode: string | null }): Promise<Organisation> {
    return this.entities.save(this.entities.create(fields));
  }

  async save(org: Organisation): Promise<Organisation> {
    return this.entities.save(org);
  }

  async byId(id: string): Promise<Organisation | null> {
    return this.entities.findOneBy({ id });
  }

  async exists(id: string): Promise<boolean> {
    const [org] = await this.db.query(`SELECT 1 FROM organisations WHERE id = $1`, [id]);
    return !!org;
  }

  /** The kind of each organisation of `ids` that exists. */
  async kinds(ids: string[], db: DataSource | EntityManager = this.db): Promise<{ id: string; kind: OrganisationKind }[]> {
    return db.query(`SELECT id, kind FROM organisations WHERE id = ANY ($1::uuid[])`, [ids]);
  }

  /** Active users, names and roles only. */
  async members(id: string): Promise<MemberRow[]> {
    return this.db.query(`SELECT id, display_name AS "displayName", role FROM users WHERE organisation_id = $1 AND active ORDER BY display_name`, [id]);
  }

  /** Undefined when there is no such organisation. */
  async serviceArea(id: string): Promise<ServiceAreaRow | undefined> {
    const [row]: ServiceAreaRow[] = await this.db.query(
      `SELECT (SELECT m.prefecture_code FROM municipalities m WHERE m.code = o.municipality_code) AS "homePrefecture",
              ARRAY(SELECT a.municipality_code::text FROM organisation_service_areas a WHERE a.organisation_id = o.id ORDER BY 1) AS codes
       FROM organisations o WHERE o.id = $1`,
      [id],
    );
    return row;
  }

  /** Replaces the explicit service area inside the caller's transaction (an empty list: the default). */
  async replaceServiceArea(tx: EntityManager, id: string, codes: string[]): Promise<void> {
    await tx.query(`DELETE FROM organisation_service_areas WHERE organisation_id = $1`, [id]);
    if (codes.length) await tx.query(`INSERT INTO organisation_service_areas(organisation_id, municipality_code) SELECT $1, unnest($2::varchar[])`, [id, codes]);
  }

  /** Its service area when it has one, else every municipality of its own prefecture; a ward counts through its city. */
  async serves(id: string, municipalityCode: string): Promise<boolean> {
    const [{ serves }]: { serves: boolean }[] = await this.db.query(
      `SELECT CASE WHEN EXISTS (SELECT 1 FROM organisation_service_areas WHERE organisation_id = $1)
         THEN EXISTS (SELECT 1 FROM organisation_service_areas a JOIN municipalities m ON m.code = $2
                      WHERE a.organisation_id = $1 AND a.municipality_code IN (m.code, m.parent_code))
         ELSE EXISTS (SELECT 1 FROM organisations o JOIN municipalities home ON home.code = o.municipality_code JOIN municipalities m ON m.code = $2
                      WHERE o.id = $1 AND m.prefecture_code = home.prefecture_code)
       END AS serves`,
      [id, municipalityCode],
    );
    return serves;
  }

  /** The municipality of an organisation (a municipal office's own), if any. */
  async municipalityOf(id: string): Promise<string | null> {
    const [org] = await this.db.query(`SELECT municipality_code AS code FROM organisations WHERE id = $1`, [id]);
    return org?.code ?? null;
  }

  /** The 圏域 of an organisation's municipality (a ward's, for a ward office), if any. */
  async regionOf(id: string): Promise<string | null> {
    const [row] = await this.db.query(
      `SELECT m.region_id AS "regionId" FROM organisations o JOIN municipalities m ON m.code = o.municipality_code WHERE o.id = $1`,
      [id],
    );
    return row?.regionId ?? null;
  }
}
