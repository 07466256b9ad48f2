import { Module } from '@nestjs/common';
import { AreasModule } from '../areas/areas.module';
import { AuditModule } from '../audit/audit.module';
import { UnitsController } from './units.controller';
import { UnitsRepository } from './units.repository';
import { UnitsService } from './units.service';

@Module({ imports: [AreasModule, AuditModule], controllers: [UnitsController], providers: [UnitsRepository, UnitsService], exports: [UnitsService, UnitsRepository] })
export class UnitsModule {}
