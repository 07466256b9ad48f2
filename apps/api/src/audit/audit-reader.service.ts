import { Injectable } from '@nestjs/common';
import type { AuditEntryView, MunicipalAuditEntryView, Page } from '@akiwa/contracts';
import type { AuthUser } from '../common/auth/auth-user';
import { AppException } from '../common/errors/app.exception';
import { toCsv } from '../bulk/csv-codec';
import { OrganisationsRepository } from '../organisations/organisations.repository';
import { AuditLog } from './audit-log.service';
import type { AuditQueryDto } from './audit.dto';
import { AuditRepository } from './audit.repository';
import { OrganisationTexts } from '../common/errors/texts';

/** At most this many rows in one CSV export (narrow the period for more). */
export const AUDIT_EXPORT_MAX_ROWS = 10_000;

const CSV_HEADERS = ['id', '日時(UTC)', '操作', '対象の種類', '対象ID', '利用者ID', '利用者', '組織ID', '組織', '詳細'];

/** What admins and municipal officers may read of the audit log. */
@Injectable()
export class AuditReader {
  constructor(
    private readonly repo: AuditRepository,
    private readonly audit: AuditLog,
    private readonly organisations: OrganisationsRepository,
  ) {}

  async list(q: AuditQueryDto): Promise<Page<AuditEntryView>> {
    const { items, total } = await this.repo.list(q);
    return { items, total, limit: q.limit, offset: q.offset };
  }

  async exportCsv(auth: AuthUser, q: AuditQueryDto): Promise<string> {
    const { items, total } = await this.repo.list({ ...q, limit: AUDIT_EXPORT_MAX_ROWS, offset: 0 });
    const { limit: _l, offset: _o, ...filter } = q;
    await this.audit.record({ actor: auth, action: 'export.audit_csv', subjectType: 'audit_log', subjectId: '-', detail: { filter, rows: items.length, total } });
    return toCsv(
      CSV_HEADERS,
      items.map((e) => [e.id, e.at, e.action, e.subjectType, e.subjectId, e.actorUserId ?? '', e.actorName ?? '', e.actorOrganisationId ?? '', e.actorOrganisationName ?? '', JSON.stringify(e.detail)]),
    );
  }

  /** Own municipality only (by the officer's organisation); user, subject id and detail left out. */
  async municipal(auth: AuthUser, q: AuditQueryDto): Promise<Page<MunicipalAuditEntryView>> {
    const municipalityCode = await this.organisations.municipalityOf(auth.organisationId);
    if (!municipalityCode) throw AppException.forbidden(OrganisationTexts.noMunicipality);
    const { items, total } = await this.repo.list({ action: q.action, subjectType: q.subjectType, from: q.from, to: q.to, limit: q.limit, offset: q.offset, municipalityCode });
    return {
      items: items.map((e) => ({ id: e.id, at: e.at, actorOrganisationName: e.actorOrganisationName, action: e.action, subjectType: e.subjectType })),
      total,
      limit: q.limit,
      offset: q.offset,
    };
  }
}
