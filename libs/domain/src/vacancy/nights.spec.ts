import { addDays, arrivesAtNight, daysBetween, isCalendarDate, nightsBetween, nightsFrom, serviceNight, serviceNightSpan } from './nights';
import { fiscalYearOf } from '../trial-stay/fiscal-year';

/** A Japan-time instant (JST, UTC+9). */
const jst = (local: string) => new Date(`${local}+09:00`);

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

  it('keeps the night in progress until 10:00 the next morning, in Japan time', () => {
    expect(serviceNight(jst('2026-12-01T20:00:00'))).toBe('2026-12-01');
    expect(serviceNight(jst('2026-12-01T23:59:59'))).toBe('2026-12-01');
    // 「今夜」 at 01:30 and 02:00 is the night that started yesterday evening
    expect(serviceNight(jst('2026-12-02T01:30:00'))).toBe('2026-12-01');
    expect(serviceNight(jst('2026-12-02T02:00:00'))).toBe('2026-12-01');
    expect(serviceNight(jst('2026-12-02T09:59:59'))).toBe('2026-12-01');
    expect(serviceNight(jst('2026-12-02T10:00:00'))).toBe('2026-12-02');
    // UTC midnight is 09:00 in Japan: nothing flips there
    expect(serviceNight(new Date('2026-12-02T00:30:00Z'))).toBe('2026-12-01');
  });

  it('spans a night from the cutoff on its date to the cutoff the next morning, the inverse of serviceNight', () => {
    expect(serviceNightSpan('2026-12-31')).toEqual({ start: '2026-12-31T10:00:00+09:00', end: '2027-01-01T10:00:00+09:00' });
    expect(serviceNightSpan('2026-12-01', 9 * 60 + 30)).toEqual({ start: '2026-12-01T09:30:00+09:00', end: '2026-12-02T09:30:00+09:00' });
    for (const cutoff of [0, 600, 570, 18 * 60]) {
      const { start, end } = serviceNightSpan('2028-02-28', cutoff);
      expect(serviceNight(new Date(start), cutoff)).toBe('2028-02-28');
      expect(serviceNight(new Date(Date.parse(end) - 1), cutoff)).toBe('2028-02-28');
      expect(serviceNight(new Date(end), cutoff)).toBe('2028-02-29');
    }
  });

  it('crosses month, year and fiscal-year ends at the cutoff, not at midnight', () => {
    expect(serviceNight(jst('2026-12-01T01:30:00'))).toBe('2026-11-30');
    expect(serviceNight(jst('2027-01-01T03:00:00'))).toBe('2026-12-31');
    expect(serviceNight(jst('2027-01-01T10:00:00'))).toBe('2027-01-01');
    expect(serviceNight(jst('2028-03-01T01:30:00'))).toBe('2028-02-29');
    // 02:00 on April 1 is still the last night of the fiscal year that ended
    const night = serviceNight(jst('2027-04-01T02:00:00'));
    expect(night).toBe('2027-03-31');
    expect(fiscalYearOf(night)).toBe(2026);
    expect(fiscalYearOf(serviceNight(jst('2027-04-01T10:00:00')))).toBe(2027);
  });

  it('arrives at night from 18:00 until the cutoff, for tonight only', () => {
    expect(arrivesAtNight(jst('2026-12-01T17:59:00'), '2026-12-01')).toBe(false);
    expect(arrivesAtNight(jst('2026-12-01T18:00:00'), '2026-12-01')).toBe(true);
    expect(arrivesAtNight(jst('2026-12-02T02:00:00'), '2026-12-01')).toBe(true);
    expect(arrivesAtNight(jst('2026-12-02T02:00:00'), '2026-12-02')).toBe(false);
    expect(arrivesAtNight(jst('2026-12-02T10:00:00'), '2026-12-02')).toBe(false);
  });

  it('takes the cutoff of a region', () => {
    expect(serviceNight(jst('2026-12-02T07:00:00'), 6 * 60)).toBe('2026-12-02');
    expect(serviceNight(jst('2026-12-02T05:59:00'), 6 * 60)).toBe('2026-12-01');
    expect(serviceNight(jst('2026-12-02T00:00:00'), 0)).toBe('2026-12-02');
    expect(serviceNight(jst('2026-12-02T11:00:00'), 12 * 60)).toBe('2026-12-01');
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
