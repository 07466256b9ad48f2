import type { VacancyGender } from '@akiwa/contracts';
import type { FreeBedsProblem } from './availability';

/**
 * The bed arithmetic of one vacancy write as a table: `checkFreeBeds` computes these answers, and the
 * database (CHECKs and the capacity trigger), reached through the API's write path, enforces them.
 * `existing` are the unit's rows of the written night before the write; the write sets `free` or adds
 * `delta` to the written gender's row (a missing row starts from 0).
 */
export interface FreeBedsCase {
  name: string;
  capacity: number;
  existing: { gender: VacancyGender; free: number; held: number }[];
  write: { gender: VacancyGender; free: number } | { gender: VacancyGender; delta: number };
  expected: FreeBedsProblem | null;
}

export const FREE_BEDS_CASES: readonly FreeBedsCase[] = [
  { name: 'set within capacity', capacity: 3, existing: [], write: { gender: 'any', free: 3 }, expected: null },
  { name: 'set above capacity', capacity: 3, existing: [], write: { gender: 'any', free: 4 }, expected: 'above_capacity' },
  { name: 'set to zero with nothing held', capacity: 3, existing: [{ gender: 'any', free: 2, held: 0 }], write: { gender: 'any', free: 0 }, expected: null },
  { name: 'other genders count against capacity', capacity: 3, existing: [{ gender: 'male', free: 2, held: 0 }], write: { gender: 'female', free: 2 }, expected: 'above_capacity' },
  { name: 'other genders leave room', capacity: 3, existing: [{ gender: 'male', free: 2, held: 0 }], write: { gender: 'female', free: 1 }, expected: null },
  { name: 'set below held', capacity: 4, existing: [{ gender: 'any', free: 3, held: 2 }], write: { gender: 'any', free: 1 }, expected: 'below_held' },
  { name: 'set exactly to held', capacity: 4, existing: [{ gender: 'any', free: 3, held: 2 }], write: { gender: 'any', free: 2 }, expected: null },
  { name: 'held of another gender does not bind', capacity: 4, existing: [{ gender: 'male', free: 1, held: 1 }, { gender: 'any', free: 2, held: 0 }], write: { gender: 'any', free: 0 }, expected: null },
  { name: '+1 on a missing row starts from 0', capacity: 2, existing: [], write: { gender: 'any', delta: 1 }, expected: null },
  { name: '−1 on a missing row is negative', capacity: 2, existing: [], write: { gender: 'any', delta: -1 }, expected: 'negative' },
  { name: '−1 below zero', capacity: 2, existing: [{ gender: 'any', free: 0, held: 0 }], write: { gender: 'any', delta: -1 }, expected: 'negative' },
  { name: '+1 at capacity', capacity: 2, existing: [{ gender: 'any', free: 2, held: 0 }], write: { gender: 'any', delta: 1 }, expected: 'above_capacity' },
  { name: '+1 with the other gender filling the night', capacity: 2, existing: [{ gender: 'female', free: 1, held: 0 }, { gender: 'male', free: 1, held: 0 }], write: { gender: 'male', delta: 1 }, expected: 'above_capacity' },
  { name: '−1 under a hold', capacity: 3, existing: [{ gender: 'any', free: 2, held: 2 }], write: { gender: 'any', delta: -1 }, expected: 'below_held' },
  { name: '−1 above a hold', capacity: 3, existing: [{ gender: 'any', free: 3, held: 2 }], write: { gender: 'any', delta: -1 }, expected: null },
  { name: '−2 that is both negative and below held names negative', capacity: 3, existing: [{ gender: 'any', free: 1, held: 1 }], write: { gender: 'any', delta: -2 }, expected: 'negative' },
];

/** What the write would leave in the written row, and the context `checkFreeBeds` needs. */
export function freeBedsCaseInput(c: FreeBedsCase): { next: number; held: number; capacity: number; otherGendersFree: number } {
  const own = c.existing.find((e) => e.gender === c.write.gender);
  const next = 'free' in c.write ? c.write.free : (own?.free ?? 0) + c.write.delta;
  const otherGendersFree = c.existing.filter((e) => e.gender !== c.write.gender).reduce((s, e) => s + e.free, 0);
  return { next, held: own?.held ?? 0, capacity: c.capacity, otherGendersFree };
}
