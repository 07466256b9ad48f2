/**
 * Calendar nights as `YYYY-MM-DD`; 「今夜」 is the service night in progress (until 10:00 the next morning): the same rules as the API, from the
 * framework-free domain library.
 */
export { addDays, daysBetween, isCalendarDate, nightsBetween, nightsFrom, serviceNight } from '@akiwa/domain';

/** Weekday index (0 = Sunday) of a calendar date. */
export function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}
