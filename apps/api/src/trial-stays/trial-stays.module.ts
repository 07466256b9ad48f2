import { Module } from '@nestjs/common';
import { AreasModule } from '../areas/areas.module';
import { TrialOffersService } from './trial-offers.service';
import { TrialPersonsController, TrialPoliciesController } from './trial-persons.controller';
import { TrialPersonsService } from './trial-persons.service';
import { TrialStaysController } from './trial-stays.controller';
import { TrialStaysService } from './trial-stays.service';

@Module({
  imports: [AreasModule],
  controllers: [TrialStaysController, TrialPersonsController, TrialPoliciesController],
  providers: [TrialStaysService, TrialOffersService, TrialPersonsService],
  exports: [TrialPersonsService],
})
export class TrialStaysModule {}
