import type { CalendarCell, CalendarMark, Gender, VacancyPolicy } from '@akiwa/contracts';
import { tallyNights, type VacancyRow } from './availability';
import { DEFAULT_VACANCY_POLICY, freshnessAtMs, freshnessCutoffs } from './freshness';
import { serviceNight } from './nights';

/**
 * The day-by-day calendar's rule (○ free / △ few / × full / ? unknown / 停 paused) for one unit over
 * a run of nights. A night's beds are the search's tally (`tallyNights`, which `availabilityOnNights`
 * reads) for that one night, so the calendar shows ○ exactly where a one-night search finds the unit,
 * and "unknown" is the same cutoff: a night with no row confirmed within the policy's unknown days
 * is ?, never ○ or ×.
 */
export function calendarCells(
  rows: readonly VacancyRow[],
  nights: readonly string[],
  opts: {
    capacity: number;
    gender?: Gender;
    now: Date;
    policy?: VacancyPolicy;
    /** The last night of an admissions pause (see `pausedThrough`), or null. */
    pausedThrough: string | null;
    /** The unknown cutoff, when the caller computes it once for many units. */
    unknownBeforeMs?: number;
  },
): CalendarCell[] {
  const policy = opts.policy ?? DEFAULT_VACANCY_POLICY;
  const cutoffs = freshnessCutoffs(opts.now, policy);
  const unknownBeforeMs = opts.unknownBeforeMs ?? cutoffs.unknownBefore.getTime();
  const staleBeforeMs = cutoffs.staleBefore.getTime();
  // each night read on its own: the one-night case of the search's tally (computed once for all nights)
  const { beds, counted, oldest } = tallyNights(rows, new Map(nights.map((night, i) => [night, i])), opts.gender, unknownBeforeMs);
  return nights.map((night, i) => {
    const available = counted[i] && beds[i] >= 1 ? beds[i] : 0;
    // a counted night's freshness is of its oldest counted row (a full night was still confirmed)
    const freshness = counted[i] ? freshnessAtMs(oldest[i], staleBeforeMs, unknownBeforeMs) : 'unknown';
    const mark: CalendarMark =
      opts.pausedThrough !== null && night <= opts.pausedThrough
        ? 'paused'
        : !counted[i]
          ? 'unknown'
          : available < 1
            ? 'full'
            : isFew(available, opts.capacity)
              ? 'few'
              : 'free';
    return { night, mark, available, freshness };
  });
}

/**
 * △: beds are left, but few — at most a fifth of the unit's capacity (at least one bed counts as few),
 * unless every bed is free (a one-bed unit with its bed free is ○).
 */
export function isFew(available: number, capacity: number): boolean {
  return available >= 1 && available < capacity && available <= Math.max(1, Math.floor(capacity / 5));
}

/**
 * The last service night an admissions pause reaches: a pause until T covers every night that has
 * begun before T (a pause ending at 03:00 stops the night that began the evening before). Null when
 * there is no pause or it has ended.
 */
export function pausedThrough(pausedUntil: Date | string | null | undefined, now: Date, cutoffMinutes?: number): string | null {
  if (pausedUntil === null || pausedUntil === undefined) return null;
  const until = toMs(pausedUntil);
  if (Number.isNaN(until) || until <= now.getTime()) return null;
  return serviceNight(new Date(until - 1), cutoffMinutes);
}

const toMs = (at: Date | string) => (at instanceof Date ? at.getTime() : Date.parse(at));
