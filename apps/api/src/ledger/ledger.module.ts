import { Module } from '@nestjs/common';
import { AreasModule } from '../areas/areas.module';
import { AuditModule } from '../audit/audit.module';
import { CryptoModule } from '../common/crypto/crypto.module';
import { TrialStaysModule } from '../trial-stays/trial-stays.module';
import { LedgerController } from './ledger.controller';
import { RegistrationsCsvService } from './registrations-csv.service';
import { RegistrationsRepository } from './registrations.repository';
import { RegistrationsService } from './registrations.service';

/** The registrant ledger (issue 13): persons, 緊急時利用登録, consent. A registration's person is written through TrialPersonsRepository, the SQL of persons. */
@Module({
  imports: [AreasModule, AuditModule, CryptoModule, TrialStaysModule],
  controllers: [LedgerController],
  providers: [RegistrationsService, RegistrationsRepository, RegistrationsCsvService],
  exports: [RegistrationsService],
})
export class LedgerModule {}
