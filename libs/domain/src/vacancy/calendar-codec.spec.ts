import type { CalendarCell, CalendarMark, Freshness } from '@akiwa/contracts';
import { decodeCalendarCells, encodeCalendarCells } from './calendar-codec';
import { nightsFrom } from './nights';

describe('calendar cells in the response form', () => {
  const marks: CalendarMark[] = ['free', 'few', 'full', 'unknown', 'paused'];
  const freshness: Freshness[] = ['fresh', 'stale', 'unknown'];
  const nights = nightsFrom('2026-12-30', marks.length * freshness.length);
  const cells: CalendarCell[] = nights.map((night, i) => ({ night, mark: marks[i % marks.length], freshness: freshness[Math.floor(i / marks.length)], available: i * 7 }));

  it('gives back every mark, freshness and count over the nights', () => {
    const wire = encodeCalendarCells(cells);
    expect(wire).toEqual({ marks: 'oaxup'.repeat(3), freshness: 'fffffsssssuuuuu', available: cells.map((c) => c.available) });
    expect(decodeCalendarCells(wire, nights)).toEqual(cells);
  });

  it('refuses a row shorter than the nights or with a code it does not know', () => {
    const wire = encodeCalendarCells(cells.slice(0, 2));
    expect(() => decodeCalendarCells(wire, nights.slice(0, 3))).toThrow(/2027-01-01/);
    expect(() => decodeCalendarCells({ ...wire, marks: 'o?' }, nights.slice(0, 2))).toThrow();
  });
});
