import { fiscalYearLabel, formatLongDate, formatWareki, toWareki } from './wareki';

describe('和暦', () => {
  it('formats dates in the era in force', () => {
    expect(formatLongDate('2026-11-24')).toBe('令和8年11月24日 (2026年11月24日)');
    expect(formatWareki('2019-05-01')).toBe('令和元年5月1日');
    expect(formatWareki('2019-04-30')).toBe('平成31年4月30日');
    expect(formatWareki('1989-01-07')).toBe('昭和64年1月7日');
    expect(formatWareki('1989-01-08')).toBe('平成元年1月8日');
    expect(toWareki('1975-06-01')).toMatchObject({ era: '昭和', year: 50 });
    expect(toWareki('2026-11-24')).toEqual({ era: '令和', eraEn: 'Reiwa', year: 8, month: 11, day: 24 });
    expect(toWareki('not-a-date')).toBeNull();
  });

  it('names fiscal years', () => {
    expect(fiscalYearLabel(2025)).toBe('令和7年度');
    expect(fiscalYearLabel(2019)).toBe('平成31年度');
    expect(fiscalYearLabel(2026)).toBe('令和8年度');
  });
});
