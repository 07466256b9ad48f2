import { grantedDaysStatus, shortStayDays } from './granted-days';

describe('支給量 (granted short-stay days)', () => {
  it('a stay of N nights uses N + 1 days', () => {
    expect(shortStayDays({ from: '2026-12-01', nights: 2 })).toEqual(['2026-12-01', '2026-12-02', '2026-12-03']);
    expect(shortStayDays({ from: '2026-12-01', nights: 0 })).toEqual([]);
  });

  it('counts the other placements of the month and warns when the stay goes over', () => {
    const s = grantedDaysStatus({ daysPerMonth: 7 }, [{ from: '2026-12-01', nights: 3 }], { from: '2026-12-10', nights: 2 });
    expect(s.months).toEqual([{ month: '2026-12', granted: 7, used: 4, stay: 3, remaining: 3, exceeds: false }]);
    expect(s.exceeds).toBe(false);
    const over = grantedDaysStatus({ daysPerMonth: 7 }, [{ from: '2026-12-01', nights: 3 }], { from: '2026-12-10', nights: 3 });
    expect(over.months[0]).toMatchObject({ used: 4, stay: 4, remaining: 3, exceeds: true });
    expect(over.exceeds).toBe(true);
  });

  it('a day shared with another stay counts once; a stay over a month end is checked per month', () => {
    const s = grantedDaysStatus({ daysPerMonth: 3 }, [{ from: '2026-11-28', nights: 2 }], { from: '2026-11-30', nights: 3 });
    expect(s.months).toEqual([
      { month: '2026-11', granted: 3, used: 3, stay: 0, remaining: 0, exceeds: false },
      { month: '2026-12', granted: 3, used: 0, stay: 3, remaining: 3, exceeds: false },
    ]);
  });

  it('names the days outside the granted period', () => {
    expect(grantedDaysStatus({ daysPerMonth: 10, to: '2026-12-02' }, [], { from: '2026-12-01', nights: 2 }).outsidePeriod).toEqual(['2026-12-03']);
  });
});
