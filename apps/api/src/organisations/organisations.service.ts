import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { OrganisationView, Page } from '@akiwa/contracts';
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
  ) {}

  async list(limit: number, offset: number): Promise<Page<OrganisationView>> {
    const [rows, total] = await this.db.getRepository(Organisation).findAndCount({ order: { name: 'ASC' }, take: limit, skip: offset });
    return { items: rows.map(toView), total, limit, offset };
  }

  async create(dto: CreateOrganisationDto): Promise<OrganisationView> {
    await this.checkMunicipality(dto.municipalityCode);
    const repo = this.db.getRepository(Organisation);
    return toView(await repo.save(repo.create({ name: dto.name, kind: dto.kind, municipalityCode: dto.municipalityCode ?? null })));
  }

  async update(id: string, dto: UpdateOrganisationDto): Promise<OrganisationView> {
    const repo = this.db.getRepository(Organisation);
    const org = await repo.findOneBy({ id });
    if (!org) throw AppException.notFound({ ja: '組織', en: 'Organisation' });
    await this.checkMunicipality(dto.municipalityCode);
    Object.assign(org, dto);
    return toView(await repo.save(org));
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
