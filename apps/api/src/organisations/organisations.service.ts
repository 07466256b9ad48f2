import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { OrganisationView, Page, ServiceAreaView } from '@akiwa/contracts';
import { AuditLog, changedFields } from '../audit/audit-log.service';
import type { AuthUser } from '../common/auth/auth-user';
import { AppException } from '../common/errors/app.exception';
import { GeographyService } from '../geography/geography.service';
import { Organisation } from './organisation.entity';
import type { CreateOrganisationDto, UpdateOrganisationDto } from './organisation.dto';

const toView = (o: Organisation): OrganisationView => ({
  id: o.id,
  name: o.name,
  kind: o.kind,
  municipalityCode: o.municipalityCode,
  mfaRequired: o.mfaRequired,
  createdAt: o.createdAt.toISOString(),
});

@Injectable()
export class OrganisationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly geography: GeographyService,
    private readonly audit: AuditLog,
  ) {}

  async list(limit: number, offset: number): Promise<Page<OrganisationView>> {
    const [rows, total] = await this.db.getRepository(Organisation).findAndCount({ order: { name: 'ASC' }, take: limit, skip: offset });
    return { items: rows.map(toView), total, limit, offset };
  }

  async create(dto: CreateOrganisationDto, actor: AuthUser): Promise<OrganisationView> {
    await this.checkMunicipality(dto.municipalityCode);
    const repo = this.db.getRepository(Organisation);
    const org = await repo.save(repo.create({ name: dto.name, kind: dto.kind, municipalityCode: dto.municipalityCode ?? null }));
    await this.audit.record({ actor, action: 'organisation.create', subjectType: 'organisation', subjectId: org.id, detail: { kind: org.kind, municipalityCode: org.municipalityCode } });
    return toView(org);
  }

  async update(id: string, dto: UpdateOrganisationDto, actor: AuthUser): Promise<OrganisationView> {
    const repo = this.db.getRepository(Organisation);
    const org = await repo.findOneBy({ id });
    if (!org) throw AppException.notFound({ ja: '組織', en: 'Organisation' });
    await this.checkMunicipality(dto.municipalityCode);
    Object.assign(org, dto);
    const saved = await repo.save(org);
    await this.audit.record({ actor, action: 'organisation.update', subjectType: 'organisation', subjectId: id, detail: { fields: changedFields(dto) } });
    return toView(saved);
  }

  async view(id: string): Promise<OrganisationView | null> {
    const org = await this.get(id);
    return org ? toView(org) : null;
  }

  /** Names and roles only: colleagues need to know who is on duty, not more. */
  async members(id: string): Promise<{ id: string; displayName: string; role: string }[]> {
    return this.db.query(`SELECT id, display_name AS "displayName", role FROM users WHERE organisation_id = $1 AND active ORDER BY display_name`, [id]);
  }

  async get(id: string): Promise<Organisation | null> {
    return this.db.getRepository(Organisation).findOneBy({ id });
  }

  async serviceArea(id: string): Promise<ServiceAreaView> {
    const [row]: { homePrefecture: string | null; codes: string[] }[] = await this.db.query(
      `SELECT (SELECT m.prefecture_code FROM municipalities m WHERE m.code = o.municipality_code) AS "homePrefecture",
              ARRAY(SELECT a.municipality_code::text FROM organisation_service_areas a WHERE a.organisation_id = o.id ORDER BY 1) AS codes
       FROM organisations o WHERE o.id = $1`,
      [id],
    );
    if (!row) throw AppException.notFound({ ja: '組織', en: 'Organisation' });
    return { organisationId: id, municipalityCodes: row.codes, isDefault: row.codes.length === 0, prefectureCode: row.codes.length ? null : row.homePrefecture };
  }

  /** Replaces a consultation centre's service area (recorded); an empty list restores the default. */
  async setServiceArea(id: string, codes: string[], actor: AuthUser): Promise<ServiceAreaView> {
    const org = await this.get(id);
    if (!org) throw AppException.notFound({ ja: '組織', en: 'Organisation' });
    if (org.kind !== 'consultation_centre') {
      throw AppException.invalidField('municipalityCodes', 'not_a_centre', { ja: '担当区域は相談支援センターにのみ設定できます', en: 'Only a consultation centre has a service area' });
    }
    const unique = [...new Set(codes)].sort();
    for (const code of unique) await this.checkMunicipality(code, 'municipalityCodes');
    await this.db.transaction(async (tx) => {
      await tx.query(`DELETE FROM organisation_service_areas WHERE organisation_id = $1`, [id]);
      if (unique.length) await tx.query(`INSERT INTO organisation_service_areas(organisation_id, municipality_code) SELECT $1, unnest($2::varchar[])`, [id, unique]);
      await this.audit.record({ actor, action: 'organisation.service_area.update', subjectType: 'organisation', subjectId: id, detail: { municipalityCodes: unique } }, tx);
    });
    return this.serviceArea(id);
  }

  /** Whether the organisation's coordinators may post for this municipality (its service area, or by default its prefecture). */
  async serves(id: string, municipalityCode: string): Promise<boolean> {
    const [{ serves }] = await this.db.query(
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

  private async checkMunicipality(code: string | undefined, field = 'municipalityCode') {
    if (code && !(await this.geography.municipality(code))) {
      throw AppException.invalidField(field, 'unknown_municipality', {
        ja: `市区町村コード「${code}」は登録されていません`,
        en: `Unknown municipality code ${code}`,
      });
    }
  }
}
