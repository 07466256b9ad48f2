import { Module } from '@nestjs/common';
import { AreasModule } from '../areas/areas.module';
import { AuditModule } from '../audit/audit.module';
import { CryptoModule } from '../common/crypto/crypto.module';
import { PersonAlertsModule } from '../person-alerts/person-alerts.module';
import { VacanciesModule } from '../vacancies/vacancies.module';
import { TrialBookingRepository } from './trial-booking.repository';
import { TrialOffersRepository } from './trial-offers.repository';
import { TrialOffersService } from './trial-offers.service';
import { TrialPersonsController, TrialPoliciesController } from './trial-persons.controller';
import { TrialPersonalData } from './trial-personal-data';
import { TrialPersonsRepository } from './trial-persons.repository';
import { TrialPersonsService } from './trial-persons.service';
import { TrialStaysController } from './trial-stays.controller';
import { TrialStaysRepository } from './trial-stays.repository';
import { TrialStaysService } from './trial-stays.service';

@Module({
  imports: [AreasModule, AuditModule, CryptoModule, PersonAlertsModule, VacanciesModule],
  controllers: [TrialStaysController, TrialPersonsController, TrialPoliciesController],
  providers: [TrialStaysRepository, TrialStaysService, TrialBookingRepository, TrialOffersRepository, TrialOffersService, TrialPersonsRepository, TrialPersonsService, TrialPersonalData],
  exports: [TrialPersonsService, TrialPersonsRepository, TrialPersonalData, TrialStaysService],
})
export class TrialStaysModule {}
