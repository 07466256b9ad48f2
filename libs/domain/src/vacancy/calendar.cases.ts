import type { CalendarMark, Freshness, Gender, VacancyGender } from '@akiwa/contracts';

/**
 * The calendar's rule as a table: `calendarCells` must give these marks. One night (offset 0) of a
 * unit; ages are hours before now, away from the policy's cutoffs (24 h stale, 7 days unknown).
 * `pausedThroughOffset`: the last paused night as an offset from the night shown (null: no pause).
 */
export interface CalendarCase {
  name: string;
  capacity: number;
  rows: { night?: number; gender?: VacancyGender; free: number; held?: number; ageHours?: number }[];
  gender?: Gender;
  pausedThroughOffset?: number | null;
  expected: { mark: CalendarMark; available: number; freshness: Freshness };
}

export const CALENDAR_CASES: readonly CalendarCase[] = [
  { name: 'several beds free: ○', capacity: 4, rows: [{ free: 3 }], expected: { mark: 'free', available: 3, freshness: 'fresh' } },
  { name: 'one bed left of four: △', capacity: 4, rows: [{ free: 1 }], expected: { mark: 'few', available: 1, freshness: 'fresh' } },
  { name: 'two beds left of ten: △ (a fifth)', capacity: 10, rows: [{ free: 2 }], expected: { mark: 'few', available: 2, freshness: 'fresh' } },
  { name: 'three beds left of ten: ○', capacity: 10, rows: [{ free: 3 }], expected: { mark: 'free', available: 3, freshness: 'fresh' } },
  { name: 'the only bed of a one-bed unit free: ○', capacity: 1, rows: [{ free: 1 }], expected: { mark: 'free', available: 1, freshness: 'fresh' } },
  { name: 'zero free: ×', capacity: 4, rows: [{ free: 0 }], expected: { mark: 'full', available: 0, freshness: 'fresh' } },
  { name: 'every free bed held: ×', capacity: 4, rows: [{ free: 2, held: 2 }], expected: { mark: 'full', available: 0, freshness: 'fresh' } },
  { name: 'held beds are subtracted: 3 free, 1 held of 4 → ○', capacity: 4, rows: [{ free: 3, held: 1 }], expected: { mark: 'free', available: 2, freshness: 'fresh' } },
  { name: 'no row for the night: ?', capacity: 4, rows: [], expected: { mark: 'unknown', available: 0, freshness: 'unknown' } },
  { name: 'a row of another night only: ?', capacity: 4, rows: [{ night: 1, free: 3 }], expected: { mark: 'unknown', available: 0, freshness: 'unknown' } },
  { name: 'confirmed 8 days ago: ?, never ○', capacity: 4, rows: [{ free: 3, ageHours: 8 * 24 }], expected: { mark: 'unknown', available: 0, freshness: 'unknown' } },
  { name: 'confirmed 30 h ago: still ○, stale', capacity: 4, rows: [{ free: 3, ageHours: 30 }], expected: { mark: 'free', available: 3, freshness: 'stale' } },
  { name: 'full and confirmed 30 h ago: ×, stale', capacity: 4, rows: [{ free: 0, ageHours: 30 }], expected: { mark: 'full', available: 0, freshness: 'stale' } },
  { name: 'an unknown row beside a fresh one is ignored', capacity: 4, rows: [{ free: 2 }, { gender: 'male', free: 2, ageHours: 8 * 24 }], expected: { mark: 'free', available: 2, freshness: 'fresh' } },
  { name: 'genders add up when none is asked', capacity: 4, rows: [{ gender: 'male', free: 1 }, { gender: 'female', free: 1 }], expected: { mark: 'free', available: 2, freshness: 'fresh' } },
  { name: 'a woman: only female and any rows count', capacity: 4, rows: [{ gender: 'male', free: 3 }, { gender: 'female', free: 0 }], gender: 'female', expected: { mark: 'full', available: 0, freshness: 'fresh' } },
  { name: 'a woman: no female or any row: ?', capacity: 4, rows: [{ gender: 'male', free: 3 }], gender: 'female', expected: { mark: 'unknown', available: 0, freshness: 'unknown' } },
  { name: 'paused that night: 停 even with beds free', capacity: 4, rows: [{ free: 3 }], pausedThroughOffset: 0, expected: { mark: 'paused', available: 3, freshness: 'fresh' } },
  { name: 'paused through a later night: 停', capacity: 4, rows: [], pausedThroughOffset: 2, expected: { mark: 'paused', available: 0, freshness: 'unknown' } },
  { name: 'a pause that ended the night before: ○', capacity: 4, rows: [{ free: 3 }], pausedThroughOffset: -1, expected: { mark: 'free', available: 3, freshness: 'fresh' } },
];
