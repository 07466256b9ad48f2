import { Module } from '@nestjs/common';
import { PersonAlerts } from './person-alerts.service';

/** Writing alerts addressed to people (in the caller's transaction); used by the emergency, trial-stay and alert features. */
@Module({
  providers: [PersonAlerts],
  exports: [PersonAlerts],
})
export class PersonAlertsModule {}
