import { Module } from '@nestjs/common';
import { AuditIntegrity } from './audit-integrity.service';
import { AuditLog } from './audit-log.service';
import { AuditReader } from './audit-reader.service';
import { AuditController } from './audit.controller';
import { AuditRepository } from './audit.repository';

@Module({ controllers: [AuditController], providers: [AuditLog, AuditIntegrity, AuditRepository, AuditReader], exports: [AuditLog, AuditIntegrity] })
export class AuditModule {}
