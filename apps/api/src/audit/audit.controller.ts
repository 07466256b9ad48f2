import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import { Role, type AuditEntryView, type AuditIntegrityView, type MunicipalAuditEntryView, type Page } from '@akiwa/contracts';
import { Auth, CurrentUser } from '../common/auth/auth.decorators';
import type { AuthUser } from '../common/auth/auth-user';
import { Clock } from '../common/time/clock';
import { AuditIntegrity } from './audit-integrity.service';
import { AuditQueryDto } from './audit.dto';
import { AuditReader } from './audit-reader.service';

@ApiTags('audit')
@Controller()
export class AuditController {
  constructor(
    private readonly integrity: AuditIntegrity,
    private readonly reader: AuditReader,
    private readonly clock: Clock,
  ) {}

  /** The last scheduled check of the audit chain and its seals; a break stays reported. */
  @Auth(Role.Admin)
  @Get('admin/audit/integrity')
  integrityStatus(): AuditIntegrityView {
    return this.integrity.status;
  }

  /** Every entry, filtered by subject (person, request…), user, organisation, action and period; newest first. */
  @Auth(Role.Admin)
  @Get('admin/audit')
  list(@Query() q: AuditQueryDto): Promise<Page<AuditEntryView>> {
    return this.reader.list(q);
  }

  /** The same, as CSV (formula cells escaped); the export itself is recorded. */
  @Auth(Role.Admin)
  @Get('admin/audit/export.csv')
  @ApiProduces('text/csv')
  async export(@CurrentUser() auth: AuthUser, @Query() q: AuditQueryDto, @Res({ passthrough: true }) res: { setHeader(name: string, value: string): unknown }): Promise<string> {
    const csv = await this.reader.exportCsv(auth, q);
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="audit-${this.clock.now().toISOString().slice(0, 10)}.csv"`);
    return csv;
  }

  /** A municipal officer: their own municipality's entries, without personal data. */
  @Auth(Role.MunicipalOfficer)
  @Get('audit')
  municipal(@CurrentUser() auth: AuthUser, @Query() q: AuditQueryDto): Promise<Page<MunicipalAuditEntryView>> {
    return this.reader.municipal(auth, q);
  }
}
