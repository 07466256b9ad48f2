import { holderOf, onCallAt, rotaCalendar, shiftAt, validHandOver, type RotaRules } from './rota';

const holidays: Record<string, string> = { '2026-11-23': '勤労感謝の日' };
const holiday = (d: string) => holidays[d] ?? null;

const rules: RotaRules = {
  dayStarts: '09:00',
  nightStarts: '17:30',
  pattern: [
    { weekday: 1, shift: 'day', userId: 'mon-day' },
    { weekday: 1, shift: 'night', userId: 'mon-night' },
    { weekday: 2, shift: 'day', userId: 'tue-day' },
    { weekday: 7, shift: 'day', userId: 'holiday-day' },
  ],
  exceptions: [{ date: '2026-12-01', shift: 'day', userId: 'swap' }],
};

describe('on-call rota', () => {
  it('hands over at the configured times, in Japan time; a night belongs to the date it started', () => {
    // 2026-11-30 is a Monday; 08:59 JST = 23:59 UTC the day before
    expect(shiftAt(rules, new Date('2026-11-29T23:59:00Z'))).toEqual({ date: '2026-11-29', shift: 'night' });
    expect(shiftAt(rules, new Date('2026-11-30T00:00:00Z'))).toEqual({ date: '2026-11-30', shift: 'day' });
    expect(shiftAt(rules, new Date('2026-11-30T08:29:00Z'))).toEqual({ date: '2026-11-30', shift: 'day' });
    expect(shiftAt(rules, new Date('2026-11-30T08:30:00Z'))).toEqual({ date: '2026-11-30', shift: 'night' });
    // 02:00 JST Tuesday: still Monday's night
    expect(onCallAt(rules, new Date('2026-11-30T17:00:00Z'), holiday)).toMatchObject({ date: '2026-11-30', shift: 'night', userId: 'mon-night', source: 'weekly' });
  });

  it('takes a dated exception first, then the holiday row on a holiday, then the weekday', () => {
    expect(holderOf(rules, '2026-12-01', 'day', holiday)).toEqual({ userId: 'swap', source: 'exception' });
    expect(holderOf(rules, '2026-12-08', 'day', holiday)).toEqual({ userId: 'tue-day', source: 'weekly' });
    // 2026-11-23 is a Monday and a holiday: the holiday day row, but no holiday night row → Monday's night
    expect(holderOf(rules, '2026-11-23', 'day', holiday)).toEqual({ userId: 'holiday-day', source: 'holiday' });
    expect(holderOf(rules, '2026-11-23', 'night', holiday)).toEqual({ userId: 'mon-night', source: 'weekly' });
    expect(holderOf(rules, '2026-11-25', 'night', holiday)).toEqual({ userId: null, source: null });
  });

  it('lays out a calendar with holidays named', () => {
    const days = rotaCalendar(rules, '2026-11-22', '2026-11-24', holiday);
    expect(days.map((d) => [d.date, d.weekday, d.holiday, d.day.userId])).toEqual([
      ['2026-11-22', 0, null, null],
      ['2026-11-23', 1, '勤労感謝の日', 'holiday-day'],
      ['2026-11-24', 2, null, 'tue-day'],
    ]);
  });

  it('accepts only hand-over times where the day starts first', () => {
    expect(validHandOver({ dayStarts: '09:00', nightStarts: '17:30' })).toBe(true);
    expect(validHandOver({ dayStarts: '17:30', nightStarts: '09:00' })).toBe(false);
    expect(validHandOver({ dayStarts: '9:00', nightStarts: '17:30' })).toBe(false);
    expect(validHandOver({ dayStarts: '09:00', nightStarts: '24:00' })).toBe(false);
  });
});

describe('japaneseHolidayName', () => {
  it('names public holidays and substitute holidays from the library', async () => {
    const { japaneseHolidayName } = await import('../trial-stay/holidays');
    expect(japaneseHolidayName('2026-11-23')).toBe('勤労感謝の日');
    expect(japaneseHolidayName('2026-05-06')).toMatch(/振替休日/);
    expect(japaneseHolidayName('2026-11-24')).toBeNull();
  });
});
