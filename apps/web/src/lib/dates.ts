/**
 * Calendar nights as `YYYY-MM-DD` in Japan's service day: the same rules as the API, from the
 * framework-free domain library.
 */
export { addDays, daysBetween, isCalendarDate, nightsBetween, nightsFrom, serviceDate } from '@akiwa/domain';

/** Weekday index (0 = Sunday) of a calendar date. */
export function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}
