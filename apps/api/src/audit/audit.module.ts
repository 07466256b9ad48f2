import { Module } from '@nestjs/common';
import { AuditIntegrity } from './audit-integrity.service';
import { AuditLog } from './audit-log.service';
import { AuditController } from './audit.controller';

@Module({ controllers: [AuditController], providers: [AuditLog, AuditIntegrity], exports: [AuditLog, AuditIntegrity] })
export class AuditModule {}
