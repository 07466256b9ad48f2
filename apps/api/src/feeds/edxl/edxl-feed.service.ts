import { Injectable } from '@nestjs/common';
import { ServiceNights } from '../../areas/service-nights.service';
import { Clock } from '../../common/time/clock';
import { VacancyCalendarService } from '../../vacancies/vacancy-calendar.service';
import type { FeedCaller } from '../api-keys.service';
import type { FeedAreaQuery } from '../feed.dto';
import { FeedScope } from '../feed-scope.service';
import { addUnitTonight, facilityXml, haveClose, haveOpen, type FacilityCapacity } from './edxl-have';

const PAGE = 500;

/**
 * EDXL-HAVE 2.0-shaped XML of current capacity: per provider of the area, tonight's beds per bed type
 * from the calendar's cells (the board's rule: unknown is not free, a paused unit's beds are not
 * available). Providers are gathered first (a provider's units are not contiguous in the calendar's
 * order); what is kept is one small record per provider, not the units.
 */
@Injectable()
export class EdxlFeedService {
  constructor(
    private readonly scope: FeedScope,
    private readonly calendar: VacancyCalendarService,
    private readonly serviceNights: ServiceNights,
    private readonly clock: Clock,
  ) {}

  async capacity(caller: FeedCaller, q: FeedAreaQuery): Promise<string> {
    const scope = await this.scope.of(caller, q);
    const tonight = await this.serviceNights.tonight(q.municipalityCode);
    const facilities = new Map<string, FacilityCapacity>();
    for (let offset = 0; ; offset += PAGE) {
      const { items } = await this.calendar.page(scope, [tonight], {}, PAGE, offset);
      for (const row of items) addUnitTonight(facilities, row);
      if (items.length < PAGE) break;
    }
    const at = this.clock.now();
    const sorted = [...facilities.values()].sort((a, b) => a.name.localeCompare(b.name, 'ja') || a.id.localeCompare(b.id));
    return haveOpen() + sorted.map((f) => facilityXml(f, at)).join('') + haveClose();
  }
}
