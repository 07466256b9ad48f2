import { allowedVacancyGenders, availabilityOver, checkFreeBeds, roomAccepts, type VacancyRow } from './availability';

const now = new Date('2026-11-25T12:00:00Z');
const ago = (h: number) => new Date(now.getTime() - h * 3_600_000).toISOString();
const row = (night: string, free: number, extra: Partial<VacancyRow> = {}): VacancyRow => ({ night, gender: 'any', free, held: 0, confirmedAt: ago(1), ...extra });

describe('availabilityOver', () => {
  it('takes the smallest number of available beds over the nights', () => {
    const rows = [row('2026-11-25', 3), row('2026-11-26', 1), row('2026-11-27', 2)];
    expect(availabilityOver(rows, '2026-11-25', 3, { now })).toMatchObject({ available: 1, freshness: 'fresh' });
  });

  it('treats a night without a row as unknown, so not free', () => {
    const rows = [row('2026-11-25', 3), row('2026-11-27', 2)];
    expect(availabilityOver(rows, '2026-11-25', 3, { now })).toBeNull();
    expect(availabilityOver(rows, '2026-11-25', 1, { now })).not.toBeNull();
  });

  it('subtracts held beds', () => {
    expect(availabilityOver([row('2026-11-25', 2, { held: 2 })], '2026-11-25', 1, { now })).toBeNull();
    expect(availabilityOver([row('2026-11-25', 3, { held: 1 })], '2026-11-25', 1, { now })?.available).toBe(2);
  });

  it('ignores rows confirmed before the unknown cutoff and reports staleness of the oldest row', () => {
    expect(availabilityOver([row('2026-11-25', 2, { confirmedAt: ago(24 * 8) })], '2026-11-25', 1, { now })).toBeNull();
    const rows = [row('2026-11-25', 2), row('2026-11-26', 2, { confirmedAt: ago(30) })];
    expect(availabilityOver(rows, '2026-11-25', 2, { now })).toMatchObject({ freshness: 'stale', confirmedAt: new Date(ago(30)) });
  });

  it('counts the asked gender and `any`, never the other gender', () => {
    const rows = [row('2026-11-25', 1, { gender: 'female' }), row('2026-11-25', 1, { gender: 'any' })];
    expect(availabilityOver(rows, '2026-11-25', 1, { now, gender: 'female' })?.available).toBe(2);
    expect(availabilityOver(rows, '2026-11-25', 1, { now, gender: 'male' })?.available).toBe(1);
    expect(availabilityOver([row('2026-11-25', 1, { gender: 'female' })], '2026-11-25', 1, { now, gender: 'male' })).toBeNull();
  });
});

describe('checkFreeBeds', () => {
  const ctx = { held: 1, capacity: 4, otherGendersFree: 1 };
  it('refuses negative, above capacity (with other genders) and below held', () => {
    expect(checkFreeBeds(-1, ctx)).toBe('negative');
    expect(checkFreeBeds(4, ctx)).toBe('above_capacity');
    expect(checkFreeBeds(0, ctx)).toBe('below_held');
    expect(checkFreeBeds(3, ctx)).toBeNull();
    expect(checkFreeBeds(1, ctx)).toBeNull();
  });
});

describe('genders', () => {
  it('lets gendered units keep only their own gender or any', () => {
    expect(allowedVacancyGenders('male')).toEqual(['any', 'male']);
    expect(allowedVacancyGenders('either')).toEqual(['any', 'male', 'female']);
    expect(roomAccepts('female', 'male')).toBe(false);
    expect(roomAccepts('either', 'male')).toBe(true);
    expect(roomAccepts('male', undefined)).toBe(true);
  });
});
