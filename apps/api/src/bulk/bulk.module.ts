import { AuditModule } from '../audit/audit.module';
import { Module } from '@nestjs/common';
import { AreasModule } from '../areas/areas.module';
import { UnitsModule } from '../units/units.module';
import { VacanciesModule } from '../vacancies/vacancies.module';
import { BulkController } from './bulk.controller';
import { UnitsCsvService } from './units-csv.service';
import { VacanciesCsvService } from './vacancies-csv.service';

@Module({ imports: [AuditModule, AreasModule, UnitsModule, VacanciesModule], controllers: [BulkController], providers: [UnitsCsvService, VacanciesCsvService] })
export class BulkModule {}
