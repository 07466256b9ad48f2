import { Module } from '@nestjs/common';
import { AreasModule } from '../areas/areas.module';
import { AuditModule } from '../audit/audit.module';
import { CryptoModule } from '../common/crypto/crypto.module';
import { PersonAlertsModule } from '../person-alerts/person-alerts.module';
import { VacanciesModule } from '../vacancies/vacancies.module';
import { TrialBookingRepository } from './trial-booking.repository';
import { TrialOffersService } from './trial-offers.service';
import { TrialPersonsController, TrialPoliciesController } from './trial-persons.controller';
import { TrialPersonalData } from './trial-personal-data';
import { TrialPersonsService } from './trial-persons.service';
import { TrialStaysController } from './trial-stays.controller';
import { TrialStaysService } from './trial-stays.service';

@Module({
  imports: [AreasModule, AuditModule, CryptoModule, PersonAlertsModule, VacanciesModule],
  controllers: [TrialStaysController, TrialPersonsController, TrialPoliciesController],
  providers: [TrialStaysService, TrialBookingRepository, TrialOffersService, TrialPersonsService, TrialPersonalData],
  exports: [TrialPersonsService, TrialPersonalData, TrialStaysService],
})
export class TrialStaysModule {}
