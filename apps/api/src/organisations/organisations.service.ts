import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { OrganisationView, Page, ServiceAreaView } from '@akiwa/contracts';
import { AuditLog, changedFields } from '../audit/audit-log.service';
import type { AuthUser } from '../common/auth/auth-user';
import { AppException } from '../common/errors/app.exception';
import { GeographyService } from '../geography/geography.service';
import type { Organisation } from './organisation.entity';
import type { CreateOrganisationDto, UpdateOrganisationDto } from './organisation.dto';
import { OrganisationsRepository } from './organisations.repository';
import { CommonTexts, OrganisationTexts, Things } from '../common/errors/texts';

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
    private readonly repo: OrganisationsRepository,
    private readonly geography: GeographyService,
    private readonly audit: AuditLog,
  ) {}

  async list(limit: number, offset: number): Promise<Page<OrganisationView>> {
    const [rows, total] = await this.repo.page(limit, offset);
    return { items: rows.map(toView), total, limit, offset };
  }

  async create(dto: CreateOrganisationDto, actor: AuthUser): Promise<OrganisationView> {
    await this.checkMunicipality(dto.municipalityCode);
    const org = await this.repo.insert({ name: dto.name, kind: dto.kind, municipalityCode: dto.municipalityCode ?? null });
    await this.audit.record({ actor, action: 'organisation.create', subjectType: 'organisation', subjectId: org.id, detail: { kind: org.kind, municipalityCode: org.municipalityCode } });
    return toView(org);
  }

  async update(id: string, dto: UpdateOrganisationDto, actor: AuthUser): Promise<OrganisationView> {
    const org = await this.repo.byId(id);
    if (!org) throw AppException.notFound(Things.organisation);
    await this.checkMunicipality(dto.municipalityCode);
    Object.assign(org, dto);
    const saved = await this.repo.save(org);
    await this.audit.record({ actor, action: 'organisation.update', subjectType: 'organisation', subjectId: id, detail: { fields: changedFields(dto) } });
    return toView(saved);
  }

  async view(id: string): Promise<OrganisationView | null> {
    const org = await this.get(id);
    return org ? toView(org) : null;
  }

  /** Names and roles only: colleagues need to know who is on duty, not more. */
  async members(id: string): Promise<{ id: string; displayName: string; role: string }[]> {
    return this.repo.members(id);
  }

  async get(id: string): Promise<Organisation | null> {
    return this.repo.byId(id);
  }

  async serviceArea(id: string): Promise<ServiceAreaView> {
    const row = await this.repo.serviceArea(id);
    if (!row) throw AppException.notFound(Things.organisation);
    return { organisationId: id, municipalityCodes: row.codes, isDefault: row.codes.length === 0, prefectureCode: row.codes.length ? null : row.homePrefecture };
  }

  /** Replaces a consultation centre's service area (recorded); an empty list restores the default. */
  async setServiceArea(id: string, codes: string[], actor: AuthUser): Promise<ServiceAreaView> {
    const org = await this.get(id);
    if (!org) throw AppException.notFound(Things.organisation);
    if (org.kind !== 'consultation_centre') {
      throw AppException.invalidField('municipalityCodes', 'not_a_centre', OrganisationTexts.notACentre);
    }
    const unique = [...new Set(codes)].sort();
    for (const code of unique) await this.checkMunicipality(code, 'municipalityCodes');
    await this.db.transaction(async (tx) => {
      await this.repo.replaceServiceArea(tx, id, unique);
      await this.audit.record({ actor, action: 'organisation.service_area.update', subjectType: 'organisation', subjectId: id, detail: { municipalityCodes: unique } }, tx);
    });
    return this.serviceArea(id);
  }

  /** Whether the organisation's coordinators may post for this municipality (its service area, or by default its prefecture). */
  async serves(id: string, municipalityCode: string): Promise<boolean> {
    return this.repo.serves(id, municipalityCode);
  }

  private async checkMunicipality(code: string | undefined, field = 'municipalityCode') {
    if (code && !(await this.geography.municipality(code))) {
      throw AppException.invalidField(field, 'unknown_municipality', CommonTexts.unknownMunicipality(code));
    }
  }
}
