import { CALENDAR_MARK_CODES, FRESHNESS_CODES, type CalendarCell, type CalendarMark, type Freshness, type Gender, type VacancyGender, type VacancyPolicy } from '@akiwa/contracts';
import { clearTally, countRow, emptyTally, tallyNights, type NightTally, type VacancyRow } from './availability';
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
  const tally = tallyNights(rows, new Map(nights.map((night, i) => [night, i])), opts.gender, unknownBeforeMs);
  const paused = opts.pausedThrough;
  return nights.map((night, i) => {
    const available = nightAvailable(tally, i);
    return { night, mark: calendarMark(paused !== null && night <= paused, tally, i, opts.capacity), available, freshness: nightFreshness(tally, i, staleBeforeMs, unknownBeforeMs) };
  });
}

/** A night's beds: those of the counted rows, 0 when none counted or none is left. */
function nightAvailable(t: NightTally, i: number): number {
  return t.counted[i] && t.beds[i] >= 1 ? t.beds[i] : 0;
}

/** A counted night's freshness is of its oldest counted row (a full night was still confirmed). */
function nightFreshness(t: NightTally, i: number, staleBeforeMs: number, unknownBeforeMs: number): Freshness {
  return t.counted[i] ? freshnessAtMs(t.oldest[i], staleBeforeMs, unknownBeforeMs) : 'unknown';
}

/** The mark of night `i` of a tally: 停 over everything, then ? without a counted row, × without a bed, △ or ○. */
function calendarMark(paused: boolean, t: NightTally, i: number, capacity: number): CalendarMark {
  if (paused) return 'paused';
  if (!t.counted[i]) return 'unknown';
  const available = nightAvailable(t, i);
  return available < 1 ? 'full' : isFew(available, capacity) ? 'few' : 'free';
}

/**
 * `calendarCells` for many units straight into the response's compact form (VacancyCalendarWireRow),
 * without an object per row or per cell: the API's month for a whole 圏域 is 500 units × 31 nights.
 * Rows are fed one by one as night positions (`add`), a unit at a time (`reset` between units); the
 * tally and the marks are the same functions `calendarCells` uses.
 */
export class CalendarRowEncoder {
  private readonly tally: NightTally;
  private readonly unknownBeforeMs: number;
  private readonly staleBeforeMs: number;
  private readonly gender: Gender | undefined;

  constructor(
    private readonly nights: readonly string[],
    opts: { gender?: Gender; now: Date; policy?: VacancyPolicy },
  ) {
    const cutoffs = freshnessCutoffs(opts.now, opts.policy ?? DEFAULT_VACANCY_POLICY);
    this.unknownBeforeMs = cutoffs.unknownBefore.getTime();
    this.staleBeforeMs = cutoffs.staleBefore.getTime();
    this.gender = opts.gender;
    this.tally = emptyTally(nights.length);
  }

  /** Starts the next unit. */
  reset(): void {
    clearTally(this.tally);
  }

  /** One vacancy row of the unit, on the night at position `i` of the nights (ignored outside them); `at` in epoch ms. */
  add(i: number, rowGender: VacancyGender, free: number, held: number, at: number): void {
    if (i >= 0 && i < this.nights.length) countRow(this.tally, i, rowGender, free, held, at, this.gender, this.unknownBeforeMs);
  }

  /** The unit's row so far, as `encodeCalendarCells(calendarCells(…))` would give it. */
  encode(capacity: number, pausedThrough: string | null): { marks: string; freshness: string; available: number[] } {
    let marks = '';
    let freshness = '';
    const available = new Array<number>(this.nights.length);
    this.write(capacity, pausedThrough, (i, mark, fresh, beds) => {
      marks += mark;
      freshness += fresh;
      available[i] = beds;
    });
    return { marks, freshness, available };
  }

  /**
   * The unit's row so far, night by night in order: the codes of its mark and freshness
   * (CALENDAR_MARK_CODES, FRESHNESS_CODES) and its beds. `encode` and the API's response writer,
   * which puts them straight into the response's bytes, both read a row through it.
   */
  write(capacity: number, pausedThrough: string | null, cell: (i: number, mark: string, freshness: string, available: number) => void): void {
    const t = this.tally;
    for (let i = 0; i < this.nights.length; i++) {
      cell(
        i,
        CALENDAR_MARK_CODES[calendarMark(pausedThrough !== null && this.nights[i] <= pausedThrough, t, i, capacity)],
        FRESHNESS_CODES[nightFreshness(t, i, this.staleBeforeMs, this.unknownBeforeMs)],
        nightAvailable(t, i),
      );
    }
  }
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
