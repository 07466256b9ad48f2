import type { Freshness, Gender, RoomGender, VacancyGender } from '@akiwa/contracts';
import { DEFAULT_VACANCY_POLICY, freshnessCutoffs, freshnessOf, type VacancyPolicy } from './freshness';
import { nightsFrom } from './nights';

/** One vacancy row as the arithmetic needs it. */
export interface VacancyRow {
  night: string;
  gender: VacancyGender;
  free: number;
  held: number;
  /** A Date, an ISO string, or epoch milliseconds (what the calendar's statement sends: no Date per row). */
  confirmedAt: Date | string | number;
}

/** Beds that can still be offered: declared free minus those held for emergency offers. */
export function availableBeds(row: Pick<VacancyRow, 'free' | 'held'>): number {
  return Math.max(0, row.free - row.held);
}

/** Which vacancy genders a unit may keep: `any` always; a gendered row only where the rooms allow it. */
export function allowedVacancyGenders(roomGender: RoomGender): VacancyGender[] {
  if (roomGender === 'male') return ['any', 'male'];
  if (roomGender === 'female') return ['any', 'female'];
  return ['any', 'male', 'female'];
}

/** Whether a unit with these rooms can take a person of this gender at all. */
export function roomAccepts(roomGender: RoomGender, gender: Gender | undefined): boolean {
  return !gender || roomGender === 'either' || roomGender === gender;
}

/** Rows that count for a person of `gender` (that gender's rows plus `any`); every row when no gender is asked. */
export function rowCountsFor(rowGender: VacancyGender, gender: Gender | undefined): boolean {
  return !gender || rowGender === 'any' || rowGender === gender;
}

export interface Availability {
  /** Smallest number of beds available over the nights. */
  available: number;
  /** Oldest confirmation among the rows counted. */
  confirmedAt: Date;
  freshness: Freshness;
}

/**
 * Whether a unit can take a person for `nights` nights from `from`: every night needs at least one
 * available bed among rows confirmed after the unknown cutoff. A night with no such row is unknown,
 * and unknown is not free. Returns null when the unit cannot take the person. The search SQL
 * implements the same rule; the matching library reuses this one.
 */
export function availabilityOver(
  rows: readonly VacancyRow[],
  from: string,
  nights: number,
  opts: { gender?: Gender; now: Date; policy?: VacancyPolicy },
): Availability | null {
  return availabilityOnNights(rows, nightIndex(from, nights), opts);
}

/** The requested nights, each with its position: computed once per request, not once per unit. */
export function nightIndex(from: string, nights: number): ReadonlyMap<string, number> {
  return new Map(nightsFrom(from, nights).map((night, i) => [night, i]));
}

const toMs = (at: Date | string | number) => (typeof at === 'number' ? at : at instanceof Date ? at.getTime() : Date.parse(at));

/** availabilityOver for a precomputed night index: one pass over the rows (the matching hot path). */
export function availabilityOnNights(
  rows: readonly VacancyRow[],
  nights: ReadonlyMap<string, number>,
  opts: { gender?: Gender; now: Date; policy?: VacancyPolicy; unknownBeforeMs?: number },
): Availability | null {
  const policy = opts.policy ?? DEFAULT_VACANCY_POLICY;
  const unknownBefore = opts.unknownBeforeMs ?? freshnessCutoffs(opts.now, policy).unknownBefore.getTime();
  const { beds, counted, oldest } = tallyNights(rows, nights, opts.gender, unknownBefore);
  let available = Number.POSITIVE_INFINITY;
  let oldestAll = Number.POSITIVE_INFINITY;
  for (let i = 0; i < beds.length; i++) {
    if (!counted[i] || beds[i] < 1) return null;
    if (beds[i] < available) available = beds[i];
    if (oldest[i] < oldestAll) oldestAll = oldest[i];
  }
  if (!Number.isFinite(available)) return null;
  const confirmedAt = new Date(oldestAll);
  return { available, confirmedAt, freshness: freshnessOf(confirmedAt, opts.now, policy) };
}

/** Per night: the beds of the rows that count, whether any row counted, and the oldest counted confirmation. */
export interface NightTally {
  beds: number[];
  counted: boolean[];
  /** Epoch ms; +Infinity where nothing counted. */
  oldest: number[];
}

/** A tally of `n` nights with nothing counted (`clearTally` empties one for reuse). */
export function emptyTally(n: number): NightTally {
  return { beds: new Array<number>(n).fill(0), counted: new Array<boolean>(n).fill(false), oldest: new Array<number>(n).fill(Number.POSITIVE_INFINITY) };
}

export function clearTally(t: NightTally): void {
  t.beds.fill(0);
  t.counted.fill(false);
  t.oldest.fill(Number.POSITIVE_INFINITY);
}

/**
 * One pass over the rows: a row counts on its night when it counts for the gender and was confirmed
 * after the unknown cutoff. Shared by the search's rule (`availabilityOnNights`) and the calendar's
 * (`calendarCells`), which reads each night on its own.
 */
export function tallyNights(rows: readonly VacancyRow[], nights: ReadonlyMap<string, number>, gender: Gender | undefined, unknownBeforeMs: number): NightTally {
  const tally = emptyTally(nights.size);
  for (const r of rows) {
    const i = nights.get(r.night);
    if (i !== undefined) countRow(tally, i, r.gender, r.free, r.held, toMs(r.confirmedAt), gender, unknownBeforeMs);
  }
  return tally;
}

/**
 * The tally's rule for one row on night `i` (confirmation in epoch ms): it counts when it counts for
 * the gender and was confirmed after the unknown cutoff. Shared by `tallyNights` and the calendar's
 * `CalendarRowEncoder`, which read rows in different forms.
 */
export function countRow(t: NightTally, i: number, rowGender: VacancyGender, free: number, held: number, at: number, gender: Gender | undefined, unknownBeforeMs: number): void {
  if (!rowCountsFor(rowGender, gender) || at <= unknownBeforeMs) return;
  // summed like the SQL does (free − held per row), so a row over-held by another gender cannot go negative
  t.beds[i] += free - held;
  t.counted[i] = true;
  if (at < t.oldest[i]) t.oldest[i] = at;
}

export type FreeBedsProblem = 'negative' | 'above_capacity' | 'below_held';

/**
 * Checks a new number of free beds for one night and gender: never negative, never below the beds
 * already held for offers, and with the other genders' rows of that night never above capacity.
 */
export function checkFreeBeds(next: number, ctx: { held: number; capacity: number; otherGendersFree: number }): FreeBedsProblem | null {
  if (!Number.isInteger(next) || next < 0) return 'negative';
  if (next + ctx.otherGendersFree > ctx.capacity) return 'above_capacity';
  if (next < ctx.held) return 'below_held';
  return null;
}
