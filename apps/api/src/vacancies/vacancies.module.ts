import { Module } from '@nestjs/common';
import { AreasModule } from '../areas/areas.module';
import { UnitsModule } from '../units/units.module';
import { UnitVacanciesController, VacancySearchController } from './vacancies.controller';
import { VacanciesGateway } from './vacancies.gateway';
import { VacanciesRepository } from './vacancies.repository';
import { VacanciesService } from './vacancies.service';
import { VacancySearchService } from './vacancy-search.service';
import { VacancyCalendarService } from './vacancy-calendar.service';

@Module({
  imports: [AreasModule, UnitsModule],
  controllers: [VacancySearchController, UnitVacanciesController],
  providers: [VacanciesRepository, VacanciesService, VacancySearchService, VacancyCalendarService, VacanciesGateway],
  exports: [VacanciesService, VacanciesRepository, VacancyCalendarService],
})
export class VacanciesModule {}
