import { Module } from '@nestjs/common';
import { AreasModule } from '../areas/areas.module';
import { AuditModule } from '../audit/audit.module';
import { CryptoModule } from '../common/crypto/crypto.module';
import { LedgerController } from './ledger.controller';
import { RegistrationsCsvService } from './registrations-csv.service';
import { RegistrationsService } from './registrations.service';

/** The registrant ledger (issue 13): persons, 緊急時利用登録, consent. */
@Module({
  imports: [AreasModule, AuditModule, CryptoModule],
  controllers: [LedgerController],
  providers: [RegistrationsService, RegistrationsCsvService],
  exports: [RegistrationsService],
})
export class LedgerModule {}
