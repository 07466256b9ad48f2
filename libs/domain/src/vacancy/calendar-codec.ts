import { CALENDAR_MARK_CODES, FRESHNESS_CODES, type CalendarCell, type CalendarMark, type Freshness } from '@akiwa/contracts';

/** The cells of a calendar row in the response's compact form (see VacancyCalendarWireRow). */
export function encodeCalendarCells(cells: readonly CalendarCell[]): { marks: string; freshness: string; available: number[] } {
  let marks = '';
  let freshness = '';
  const available = new Array<number>(cells.length);
  for (let i = 0; i < cells.length; i++) {
    marks += CALENDAR_MARK_CODES[cells[i].mark];
    freshness += FRESHNESS_CODES[cells[i].freshness];
    available[i] = cells[i].available;
  }
  return { marks, freshness, available };
}

const MARK_OF = invert(CALENDAR_MARK_CODES);
const FRESHNESS_OF = invert(FRESHNESS_CODES);

/** The cells back from the compact form, over the calendar's nights. Throws on a code it does not know. */
export function decodeCalendarCells(row: { marks: string; freshness: string; available: readonly number[] }, nights: readonly string[]): CalendarCell[] {
  return nights.map((night, i) => {
    const mark = MARK_OF.get(row.marks[i]) as CalendarMark | undefined;
    const freshness = FRESHNESS_OF.get(row.freshness[i]) as Freshness | undefined;
    if (mark === undefined || freshness === undefined || row.available[i] === undefined) throw new Error(`calendar row: no cell for night ${night}`);
    return { night, mark, available: row.available[i], freshness };
  });
}

function invert(codes: Readonly<Record<string, string>>): Map<string, string> {
  return new Map(Object.entries(codes).map(([value, code]) => [code, value]));
}
