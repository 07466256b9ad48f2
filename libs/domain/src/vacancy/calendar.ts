import type { CalendarCell, CalendarMark, Gender, VacancyPolicy } from '@akiwa/contracts';
import { availabilityOnNights, rowCountsFor, type VacancyRow } from './availability';
import { DEFAULT_VACANCY_POLICY, freshnessCutoffs, freshnessOf } from './freshness';
import { serviceNight } from './nights';

/**
 * The day-by-day calendar's rule (○ free / △ few / × full / ? unknown / 停 paused) for one unit over
 * a run of nights. A night's beds are `availabilityOnNights` for that one night — the search's rule,
 * so the calendar shows ○ exactly where a one-night search finds the unit — and "unknown" is the same
 * cutoff: a night with no row confirmed within the policy's unknown days is ?, never ○ or ×.
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
  const unknownBeforeMs = opts.unknownBeforeMs ?? freshnessCutoffs(opts.now, policy).unknownBefore.getTime();
  const byNight = new Map<string, VacancyRow[]>();
  for (const r of rows) {
    const list = byNight.get(r.night);
    if (list) list.push(r);
    else byNight.set(r.night, [r]);
  }
  return nights.map((night) => {
    const own = byNight.get(night) ?? [];
    const one = new Map([[night, 0]]);
    const availability = availabilityOnNights(own, one, { gender: opts.gender, now: opts.now, policy, unknownBeforeMs });
    // availabilityOnNights answers null both for "counted rows, no bed" and "nothing counted": tell them apart
    const counted = availability !== null || own.some((r) => rowCountsFor(r.gender, opts.gender) && toMs(r.confirmedAt) > unknownBeforeMs);
    const available = availability?.available ?? 0;
    const freshness = availability?.freshness ?? (counted ? oldestFreshness(own, opts.gender, opts.now, policy) : 'unknown');
    const mark: CalendarMark =
      opts.pausedThrough !== null && night <= opts.pausedThrough
        ? 'paused'
        : !counted
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

/** A full night's freshness: of its oldest row that counts (a full night was still confirmed). */
function oldestFreshness(rows: readonly VacancyRow[], gender: Gender | undefined, now: Date, policy: VacancyPolicy) {
  const { unknownBefore } = freshnessCutoffs(now, policy);
  let oldest = Number.POSITIVE_INFINITY;
  for (const r of rows) {
    const at = toMs(r.confirmedAt);
    if (rowCountsFor(r.gender, gender) && at > unknownBefore.getTime() && at < oldest) oldest = at;
  }
  return freshnessOf(new Date(oldest), now, policy);
}
