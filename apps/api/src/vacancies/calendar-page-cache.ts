import type { CalendarUnitRecord } from './vacancies.repository';

/** A calendar page without its vacancy rows, as read with one `calendar_units_version`. */
export interface CalendarPage {
  version: string;
  total: number;
  units: Omit<CalendarUnitRecord, 'rows'>[];
  /** The units' rows' JSON openings (`calendarRowHead`), made by the first calendar response that needs them. */
  heads?: Buffer[];
}

/**
 * The calendar's pages (area, filters, limit, offset) between requests, so that a month calendar
 * reads only the vacancy rows of units it already knows. A page is used only with the version its
 * vacancy rows were read with (VacanciesRepository.calendarRows): the database raises the version
 * whenever a unit or an organisation name the calendar shows changes, so a kept page is never shown
 * over a changed unit, in this instance or another. Least recently used pages go first.
 */
export class CalendarPageCache {
  private readonly pages = new Map<string, CalendarPage>();

  constructor(private readonly capacity = 64) {}

  get(key: string): CalendarPage | undefined {
    const page = this.pages.get(key);
    if (page) {
      this.pages.delete(key);
      this.pages.set(key, page);
    }
    return page;
  }

  set(key: string, page: CalendarPage): void {
    this.pages.delete(key);
    this.pages.set(key, page);
    if (this.pages.size > this.capacity) this.pages.delete(this.pages.keys().next().value!);
  }
}
