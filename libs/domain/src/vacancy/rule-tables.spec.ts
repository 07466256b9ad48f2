import { AVAILABILITY_CASES } from './availability.cases';
import { availabilityOver, checkFreeBeds, type VacancyRow } from './availability';
import { FREE_BEDS_CASES, freeBedsCaseInput } from './free-beds.cases';
import { addDays } from './nights';

// The same tables are run against the database through the API in apps/api/test/vacancy-rules.e2e-spec.ts.
describe('availability table (shared with the search SQL)', () => {
  const now = new Date('2026-11-25T03:00:00Z');
  const from = '2026-11-25';
  it.each(AVAILABILITY_CASES.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const rows: VacancyRow[] = c.rows.map((r) => ({
      night: addDays(from, r.night),
      gender: r.gender,
      free: r.free,
      held: r.held,
      confirmedAt: new Date(now.getTime() - r.ageHours * 3_600_000),
    }));
    const got = availabilityOver(rows, from, c.nights, { now, gender: c.gender });
    expect(got && { available: got.available, freshness: got.freshness }).toEqual(c.expected);
  });
});

describe('free beds table (shared with the database through the API)', () => {
  it.each(FREE_BEDS_CASES.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const { next, ...ctx } = freeBedsCaseInput(c);
    expect(checkFreeBeds(next, ctx)).toBe(c.expected);
  });
});
