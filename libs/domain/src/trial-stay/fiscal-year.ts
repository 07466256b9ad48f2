/**
 * The Japanese fiscal year (年度): April 1 to March 31, named by the calendar year it starts in
 * (令和7年度 = fiscal 2025 = 2025-04-01 … 2026-03-31). Dates are `YYYY-MM-DD` strings.
 */
import { daysBetween } from '../vacancy/nights';

export function fiscalYearOf(date: string): number {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return month >= 4 ? year : year - 1;
}

/** The fiscal year as a half-open range of dates: [start, end). */
export function fiscalYearRange(fiscalYear: number): { start: string; end: string } {
  return { start: `${fiscalYear}-04-01`, end: `${fiscalYear + 1}-04-01` };
}

/**
 * How many of the nights [from, to) fall in each fiscal year (a night is named by the date it
 * starts, so the night of March 31 belongs to the year that ends that day).
 */
export function nightsByFiscalYear(from: string, to: string): Map<number, number> {
  const out = new Map<number, number>();
  let cursor = from;
  while (daysBetween(cursor, to) > 0) {
    const fy = fiscalYearOf(cursor);
    const { end } = fiscalYearRange(fy);
    const stop = daysBetween(end, to) < 0 ? to : end;
    out.set(fy, (out.get(fy) ?? 0) + daysBetween(cursor, stop));
    cursor = stop;
  }
  return out;
}

/** The nights of [aFrom, aTo) that also lie in [bFrom, bTo). */
export function overlapNights(aFrom: string, aTo: string, bFrom: string, bTo: string): number {
  const from = aFrom > bFrom ? aFrom : bFrom;
  const to = aTo < bTo ? aTo : bTo;
  return Math.max(0, daysBetween(from, to));
}


