import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { LedgerModule } from '../ledger/ledger.module';
import { ReportExport } from './report-export.service';
import { ReportRepository } from './report.repository';
import { ReportScopeResolver } from './report-scope.service';
import { ReportSettingsRepository } from './report-settings.repository';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

@Module({
  imports: [AuditModule, LedgerModule],
  controllers: [ReportsController],
  providers: [ReportsService, ReportExport, ReportRepository, ReportSettingsRepository, ReportScopeResolver],
})
export class ReportsModule {}
