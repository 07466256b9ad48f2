import { Module } from '@nestjs/common';
import { PersonAlertsRepository } from './person-alerts.repository';
import { PersonAlerts } from './person-alerts.service';

/** Writing alerts addressed to people (in the caller's transaction); used by the emergency, trial-stay and alert features. */
@Module({
  providers: [PersonAlertsRepository, PersonAlerts],
  exports: [PersonAlerts],
})
export class PersonAlertsModule {}
