import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { OrganisationView, Page } from '@akiwa/contracts';
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

  private async checkMunicipality(code: string | undefined) {
    if (code && !(await this.geography.municipality(code))) {
      throw AppException.invalidField('municipalityCode', 'unknown_municipality', {
        ja: `市区町村コード「${code}」は登録されていません`,
        en: `Unknown municipality code ${code}`,
      });
    }
  }
}
