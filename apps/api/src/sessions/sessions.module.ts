import { Global, Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { SessionsRepository } from './sessions.repository';
import { SessionsService } from './sessions.service';

/** Sessions and their refresh-token families; used by auth (login, refresh, logout) and users (deactivation). */
@Global()
@Module({ imports: [AuditModule], providers: [SessionsRepository, SessionsService], exports: [SessionsService, SessionsRepository] })
export class SessionsModule {}
