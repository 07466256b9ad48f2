import { addDays, daysBetween, isCalendarDate, nightsBetween, nightsFrom, serviceDate } from './nights';

describe('nights', () => {
  it('accepts only real calendar dates', () => {
    expect(isCalendarDate('2026-02-28')).toBe(true);
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    expect(isCalendarDate('2026-1-01')).toBe(false);
    expect(isCalendarDate('2026-01-01T00:00:00Z')).toBe(false);
    expect(isCalendarDate(20260101)).toBe(false);
  });

  it('takes the service day from Japan time, not UTC', () => {
    expect(serviceDate(new Date('2026-03-31T14:59:59Z'))).toBe('2026-03-31');
    expect(serviceDate(new Date('2026-03-31T15:00:00Z'))).toBe('2026-04-01');
  });

  it('adds days across month and year ends', () => {
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-01-30', '2026-03-01')).toBe(30);
    expect(daysBetween('2026-03-01', '2026-01-30')).toBe(-30);
  });

  it('lists nights of a range inclusively and none for a reversed one', () => {
    expect(nightsBetween('2026-11-29', '2026-12-02')).toEqual(['2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02']);
    expect(nightsBetween('2026-12-02', '2026-12-01')).toEqual([]);
    expect(nightsFrom('2026-12-31', 2)).toEqual(['2026-12-31', '2027-01-01']);
  });
});
