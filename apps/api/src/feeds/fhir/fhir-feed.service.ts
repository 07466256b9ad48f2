import { Injectable } from '@nestjs/common';
import type { BundleEntry, Resource } from '@medplum/fhirtypes';
import type { UnitView, VacancyCalendarRow } from '@akiwa/contracts';
import { nightsFrom, daysBetween } from '@akiwa/domain';
import { ServiceNights } from '../../areas/service-nights.service';
import type { AreaScope } from '../../areas/area-directory.service';
import { AppException } from '../../common/errors/app.exception';
import { ProfilesService } from '../../profiles/profiles.service';
import { UnitsRepository } from '../../units/units.repository';
import { VacancyCalendarService } from '../../vacancies/vacancy-calendar.service';
import type { FeedCaller } from '../api-keys.service';
import type { FeedAreaQuery, FeedNightsQuery } from '../feed.dto';
import { FeedScope } from '../feed-scope.service';
import { JsonItems } from '../bundle-stream';
import { bundleEntryOf, healthcareServiceOf, locationOf, organizationOf, scheduleOf, SlotEntriesJson } from './fhir-resources';
import { CommonTexts } from '../../common/errors/texts';

/** Units read per statement: a prefecture's feed is a few statements, never one giant array. */
const PAGE = 200;

type Entry = BundleEntry<Resource>;
const entry = (resource: Resource): Entry => bundleEntryOf(resource);

/**
 * The FHIR R4 feeds of a key's area: providers (Organization), units as places with tonight's bed
 * status (Location), units as services with whom they accept (HealthcareService), and every
 * unit-night as a Slot (free/busy from the calendar's rule). Each is produced page by page as an
 * async sequence of bundle entries, for the controller to stream.
 */
@Injectable()
export class FhirFeedService {
  constructor(
    private readonly scope: FeedScope,
    private readonly units: UnitsRepository,
    private readonly profiles: ProfilesService,
    private readonly calendar: VacancyCalendarService,
    private readonly serviceNights: ServiceNights,
  ) {}

  /** Every live unit of the area, page by page (name order). */
  private async *unitPages(scope: AreaScope): AsyncGenerator<UnitView[]> {
    for (let offset = 0; ; offset += PAGE) {
      const { items } = await this.units.list({ organisationId: null, municipalityCodes: scope.codes, withRetired: false, limit: PAGE, offset });
      if (items.length) yield items;
      if (items.length < PAGE) return;
    }
  }

  /** Each feed checks the request (area, nights) before the first byte is sent, then returns the entries to stream. */
  async organizations(caller: FeedCaller, q: FeedAreaQuery): Promise<AsyncIterable<Entry>> {
    return this.organizationEntries(await this.scope.of(caller, q));
  }

  private async *organizationEntries(scope: AreaScope): AsyncGenerator<Entry> {
    const seen = new Set<string>();
    for await (const page of this.unitPages(scope)) {
      const fresh = new Map<string, string>();
      for (const u of page) if (!seen.has(u.organisationId)) fresh.set(u.organisationId, u.organisationName);
      const contacts = await this.profiles.publicContacts([...fresh.keys()]);
      for (const [id, name] of fresh) {
        seen.add(id);
        yield entry(organizationOf({ id, name, contact: contacts.get(id) ?? null }));
      }
    }
  }

  async healthcareServices(caller: FeedCaller, q: FeedAreaQuery): Promise<AsyncIterable<Entry>> {
    return this.healthcareServiceEntries(await this.scope.of(caller, q));
  }

  private async *healthcareServiceEntries(scope: AreaScope): AsyncGenerator<Entry> {
    for await (const page of this.unitPages(scope)) for (const u of page) yield entry(healthcareServiceOf(u));
  }

  async locations(caller: FeedCaller, q: FeedAreaQuery): Promise<AsyncIterable<Entry>> {
    const scope = await this.scope.of(caller, q);
    const tonight = await this.serviceNights.tonight(q.municipalityCode);
    return this.calendarEntries(scope, [tonight], (row) => [entry(locationOf(row.unit, row.cells[0]))]);
  }

  /** One Schedule per unit, then its unit-nights as Slots; `days` nights from `from` (default tonight). */
  async slots(caller: FeedCaller, q: FeedNightsQuery): Promise<AsyncIterable<Entry | JsonItems>> {
    const scope = await this.scope.of(caller, q);
    const tonight = await this.serviceNights.tonight(q.municipalityCode);
    const from = q.from ?? tonight;
    if (daysBetween(tonight, from) < 0) {
      throw AppException.invalidField('from', 'past_night', CommonTexts.pastNight('from'));
    }
    const nights = nightsFrom(from, q.days);
    // one serialiser per night cutoff (a region's), each reused for every unit with that cutoff
    const slotsJson = new Map<number, SlotEntriesJson>();
    return this.calendarEntries<Entry | JsonItems>(scope, nights, async (row) => {
      const cutoff = await this.scope.cutoff(row.unit.municipalityCode);
      let json = slotsJson.get(cutoff);
      if (!json) slotsJson.set(cutoff, (json = new SlotEntriesJson(cutoff)));
      // the unit's Schedule, then its Slots as one piece of the array (60 entries, one item to stream)
      return row.cells.length ? [entry(scheduleOf(row.unit)), new JsonItems(json.bytesOf(row.unit.id, row.cells))] : [entry(scheduleOf(row.unit))];
    });
  }

  /** The calendar's rows of the area over `nights`, a page of units per statement, each turned into entries. */
  private async *calendarEntries<T>(scope: AreaScope, nights: string[], toEntries: (row: VacancyCalendarRow) => T[] | Promise<T[]>): AsyncGenerator<T> {
    for (let offset = 0; ; offset += PAGE) {
      const { items } = await this.calendar.page(scope, nights, {}, PAGE, offset);
      for (const row of items) yield* await toEntries(row);
      if (items.length < PAGE) return;
    }
  }
}
