import type { Freshness, Gender, VacancyGender } from '@akiwa/contracts';

/**
 * The availability rule as a table: every implementation of it (libs/domain `availabilityOver`, the
 * search SQL, the web's live patching, which imports the domain) must give these answers. Nights are
 * offsets from the first searched night; ages are hours before now, kept away from the policy's
 * cutoffs (24 h stale, 7 days unknown) so that a run taking a few seconds cannot cross one.
 */
export interface AvailabilityCaseRow {
  night: number;
  gender: VacancyGender;
  free: number;
  held: number;
  ageHours: number;
}

export interface AvailabilityCase {
  name: string;
  rows: AvailabilityCaseRow[];
  nights: number;
  gender?: Gender;
  /** null: the unit cannot take the person (not a search hit). */
  expected: { available: number; freshness: Freshness } | null;
}

const r = (night: number, free: number, more: Partial<AvailabilityCaseRow> = {}): AvailabilityCaseRow => ({ night, gender: 'any', free, held: 0, ageHours: 1, ...more });

export const AVAILABILITY_CASES: readonly AvailabilityCase[] = [
  { name: 'one fresh night', rows: [r(0, 2)], nights: 1, expected: { available: 2, freshness: 'fresh' } },
  { name: 'no rows at all: unknown, not free', rows: [], nights: 1, expected: null },
  { name: 'a night without a row in the middle', rows: [r(0, 3), r(2, 2)], nights: 3, expected: null },
  { name: 'the smallest night counts', rows: [r(0, 3), r(1, 1), r(2, 2)], nights: 3, expected: { available: 1, freshness: 'fresh' } },
  { name: 'held beds are subtracted', rows: [r(0, 3, { held: 1 })], nights: 1, expected: { available: 2, freshness: 'fresh' } },
  { name: 'every bed held', rows: [r(0, 2, { held: 2 })], nights: 1, expected: null },
  { name: 'zero free', rows: [r(0, 0), r(1, 2)], nights: 2, expected: null },
  { name: 'confirmed 30 h ago is stale', rows: [r(0, 2, { ageHours: 30 })], nights: 1, expected: { available: 2, freshness: 'stale' } },
  { name: 'the oldest counted row sets the freshness', rows: [r(0, 2), r(1, 2, { ageHours: 30 })], nights: 2, expected: { available: 2, freshness: 'stale' } },
  { name: 'confirmed 8 days ago is unknown, so not free', rows: [r(0, 2, { ageHours: 8 * 24 })], nights: 1, expected: null },
  { name: 'six days old still counts (stale)', rows: [r(0, 2, { ageHours: 6 * 24 })], nights: 1, expected: { available: 2, freshness: 'stale' } },
  { name: 'one unknown night among fresh ones', rows: [r(0, 2), r(1, 2, { ageHours: 8 * 24 }), r(2, 2)], nights: 3, expected: null },
  { name: 'an unknown row beside a fresh one of the night is ignored', rows: [r(0, 1), r(0, 3, { gender: 'female', ageHours: 8 * 24 })], nights: 1, expected: { available: 1, freshness: 'fresh' } },
  { name: 'nights after the stay do not count', rows: [r(0, 1), r(1, 5)], nights: 1, expected: { available: 1, freshness: 'fresh' } },
  { name: 'a woman: only female and any rows count', rows: [r(0, 2, { gender: 'male' }), r(0, 0)], nights: 1, gender: 'female', expected: null },
  { name: 'a woman: female and any rows add up', rows: [r(0, 1, { gender: 'female' }), r(0, 1), r(0, 3, { gender: 'male' })], nights: 1, gender: 'female', expected: { available: 2, freshness: 'fresh' } },
  { name: 'no gender asked: every row adds up', rows: [r(0, 1, { gender: 'female' }), r(0, 1, { gender: 'male' })], nights: 1, expected: { available: 2, freshness: 'fresh' } },
  { name: 'a stale row of the other gender does not age the answer', rows: [r(0, 1), r(0, 1, { gender: 'male', ageHours: 30 })], nights: 1, gender: 'female', expected: { available: 1, freshness: 'fresh' } },
  { name: 'a fully held gendered row leaves the any row', rows: [r(0, 1, { gender: 'male', held: 1 }), r(0, 1)], nights: 1, gender: 'male', expected: { available: 1, freshness: 'fresh' } },
  { name: 'a week of mixed rows', rows: [0, 1, 2, 3, 4, 5, 6].map((n) => r(n, 2 + (n % 3), { held: n % 2, ageHours: 2 + n })), nights: 7, expected: { available: 1, freshness: 'fresh' } },
];
