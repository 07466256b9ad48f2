import { autumnalEquinoxDay, holidaysBetween, japaneseHolidays, vernalEquinoxDay } from './holidays';

/** From the Cabinet Office's published lists (内閣府「国民の祝日について」). */
const KNOWN: Record<number, string[]> = {
  2025: ['2025-01-01', '2025-01-13', '2025-02-11', '2025-02-23', '2025-02-24', '2025-03-20', '2025-04-29', '2025-05-03', '2025-05-04', '2025-05-05', '2025-05-06', '2025-07-21', '2025-08-11', '2025-09-15', '2025-09-23', '2025-10-13', '2025-11-03', '2025-11-23', '2025-11-24'],
  2026: ['2026-01-01', '2026-01-12', '2026-02-11', '2026-02-23', '2026-03-20', '2026-04-29', '2026-05-03', '2026-05-04', '2026-05-05', '2026-05-06', '2026-07-20', '2026-08-11', '2026-09-21', '2026-09-22', '2026-09-23', '2026-10-12', '2026-11-03', '2026-11-23'],
  2027: ['2027-01-01', '2027-01-11', '2027-02-11', '2027-02-23', '2027-03-21', '2027-03-22', '2027-04-29', '2027-05-03', '2027-05-04', '2027-05-05', '2027-07-19', '2027-08-11', '2027-09-20', '2027-09-23', '2027-10-11', '2027-11-03', '2027-11-23'],
};

describe('Japanese public holidays', () => {
  it.each([2025, 2026, 2027])('lists exactly the published holidays of %i', (year) => {
    expect([...japaneseHolidays(year).keys()]).toEqual(KNOWN[year]);
  });

  it('names substitute holidays, the sandwiched 国民の休日 and the equinoxes', () => {
    // the data set names a substitute holiday after the holiday it stands for
    expect(japaneseHolidays(2025).get('2025-11-24')).toMatch(/振替休日$/);
    expect(japaneseHolidays(2025).get('2025-05-06')).toMatch(/振替休日$/); // みどりの日 on Sunday → after こどもの日
    expect(japaneseHolidays(2026).get('2026-09-22')).toBe('休日'); // 国民の休日, named as in the Cabinet Office's list
    expect(japaneseHolidays(2027).get('2027-03-21')).toBe('春分の日');
    expect(japaneseHolidays(2027).get('2027-03-22')).toMatch(/振替休日$/);
    expect([vernalEquinoxDay(2026), autumnalEquinoxDay(2026)]).toEqual([20, 23]);
  });

  it('lists holidays across a year boundary', () => {
    expect(holidaysBetween('2026-12-20', '2027-01-15')).toEqual([
      { date: '2027-01-01', name: '元日' },
      { date: '2027-01-11', name: '成人の日' },
    ]);
  });
});
