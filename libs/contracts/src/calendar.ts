import type { Freshness, VacancySearchHit, VacancySearchQuery } from './vacancies';
import type { Page } from './organisations';

/**
 * One unit-night of the day-by-day calendar (like Ube's 「あいてるショート」):
 * ○ `free`, △ `few` (beds left but few of them), × `full`, ? `unknown` (no figure confirmed within
 * the unknown cutoff: unknown is never free), 停 `paused` (the unit has stopped admissions that night).
 * The rule is libs/domain `calendarCells`; the API and the web's live patching both use it.
 */
export const CalendarMark = { Free: 'free', Few: 'few', Full: 'full', Unknown: 'unknown', Paused: 'paused' } as const;
export type CalendarMark = (typeof CalendarMark)[keyof typeof CalendarMark];

/** The symbol each mark is shown as. */
export const CALENDAR_SYMBOLS: Readonly<Record<CalendarMark, string>> = Object.freeze({ free: '○', few: '△', full: '×', unknown: '?', paused: '停' });

export interface CalendarCell {
  night: string;
  mark: CalendarMark;
  /** Beds available that night among the rows that count (0 when unknown). */
  available: number;
  /** Freshness of the oldest counted row (`unknown` when none counts). */
  freshness: Freshness;
}

/** `GET /api/vacancies/calendar`: the board's filters (no stay length), from a night, 14 or 31 nights across. */
export type VacancyCalendarQuery = Omit<VacancySearchQuery, 'nights'> & { days?: number };

export interface VacancyCalendarRow {
  unit: VacancySearchHit['unit'];
  /** 0 same municipality, 1 same region, 2 same prefecture (as in the search). */
  distance: number;
  /** The last night the unit's admissions pause reaches (service nights of its region), or null. */
  pausedThrough: string | null;
  cells: CalendarCell[];
}

export interface VacancyCalendar extends Page<VacancyCalendarRow> {
  from: string;
  /** The nights across, `from` first. */
  nights: string[];
}

/**
 * A calendar row as `GET /api/vacancies/calendar` sends it: per night one letter of `marks`
 * (CALENDAR_MARK_CODES), one of `freshness` (FRESHNESS_CODES) and a number of `available`, in the
 * order of the response's `nights`. A month of 500 units as CalendarCell objects was 1.3 MB, most of
 * it the repeated keys and dates; libs/domain `encodeCalendarCells` / `decodeCalendarCells` convert.
 */
export interface VacancyCalendarWireRow extends Omit<VacancyCalendarRow, 'cells'> {
  marks: string;
  freshness: string;
  available: number[];
}

export interface VacancyCalendarWire extends Omit<VacancyCalendar, 'items'> {
  items: VacancyCalendarWireRow[];
}

export const CALENDAR_MARK_CODES: Readonly<Record<CalendarMark, string>> = Object.freeze({ free: 'o', few: 'a', full: 'x', unknown: 'u', paused: 'p' });
export const FRESHNESS_CODES: Readonly<Record<Freshness, string>> = Object.freeze({ fresh: 'f', stale: 's', unknown: 'u' });
