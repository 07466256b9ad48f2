/** Half-open date ranges [from, to) of nights, as PostgreSQL's daterange keeps them. */
import { addDays, daysBetween, isCalendarDate } from '../vacancy/nights';

export interface DateRange {
  from: string;
  /** Exclusive: the day after the last night (the day of leaving). */
  to: string;
}

/** Sorted, with overlapping and touching ranges joined; empty ranges dropped. */
export function mergeRanges(ranges: readonly DateRange[]): DateRange[] {
  const sorted = ranges.filter((r) => daysBetween(r.from, r.to) > 0).sort((a, b) => a.from.localeCompare(b.from));
  const out: DateRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.from <= last.to) {
      if (r.to > last.to) last.to = r.to;
    } else out.push({ ...r });
  }
  return out;
}

/** Nights (sorted or not, duplicates allowed) grouped into runs of consecutive nights. */
export function nightRuns(nights: readonly string[]): DateRange[] {
  return mergeRanges(nights.map((n) => ({ from: n, to: addDays(n, 1) })));
}

/** Whether every night of `inner` lies in one of `ranges` (merged first). */
export function coversRange(ranges: readonly DateRange[], inner: DateRange): boolean {
  return mergeRanges(ranges).some((r) => r.from <= inner.from && inner.to <= r.to);
}

export type TrialDayStatus = 'closed' | 'open' | 'full' | 'requested' | 'booked';

/**
 * The status of each night of a month: not offered (closed), offered and free (open), offered but
 * without an available bed on the unit's board (full: a booking would take one, and there is none),
 * held by a pending request, or booked (approved). Stays never overlap (the database sees to it).
 */
export function trialDays(
  month: string,
  openings: readonly DateRange[],
  stays: readonly (DateRange & { status: 'requested' | 'approved' })[],
  noBed: ReadonlySet<string> = new Set(),
): { date: string; status: TrialDayStatus }[] {
  const first = `${month}-01`;
  const days = daysBetween(first, nextMonth(month));
  const merged = mergeRanges(openings);
  return Array.from({ length: days }, (_, i) => {
    const date = addDays(first, i);
    const stay = stays.find((s) => s.from <= date && date < s.to);
    if (stay) return { date, status: stay.status === 'approved' ? 'booked' : 'requested' };
    if (!merged.some((r) => r.from <= date && date < r.to)) return { date, status: 'closed' };
    return { date, status: noBed.has(date) ? 'full' : 'open' };
  });
}

/** `2026-11` → `2026-12-01`. */
export function nextMonth(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/** `YYYY-MM` whose first day and the first day after it are real calendar dates (so `9999-12` and `0000-01` are not). */
export function isMonth(value: unknown): value is string {
  return typeof value === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(value) && isCalendarDate(`${value}-01`) && isCalendarDate(nextMonth(value));
}
