import { formatCount, reportPeriod, suppressCount, unmetNeedSentence } from './report-rules';

describe('small-number suppression', () => {
  it('withholds counts above zero and below the threshold, shows zero and the rest', () => {
    expect([0, 1, 2, 3, 10].map((n) => suppressCount(n, 3))).toEqual([0, null, null, 3, 10]);
    expect(suppressCount(4, 5)).toBeNull();
    expect(formatCount(null, 3)).toBe('3未満');
    expect(formatCount(null, 3, 'en')).toBe('<3');
  });
});

describe('report periods', () => {
  it('names a fiscal year in 和暦 beside the Western dates', () => {
    expect(reportPeriod({ fiscalYear: 2025 })).toEqual({ from: '2025-04-01', to: '2026-04-01', fiscalYear: 2025, label: '令和7年度（2025年4月1日〜2026年3月31日）' });
  });
  it('takes any valid half-open period and refuses a reversed or invalid one', () => {
    expect(reportPeriod({ from: '2026-01-01', to: '2026-02-01' })?.label).toBe('2026年1月1日〜2026年1月31日');
    expect(reportPeriod({ from: '2026-02-01', to: '2026-01-01' })).toBeNull();
    expect(reportPeriod({ from: '2026-02-30', to: '2026-03-01' })).toBeNull();
  });
});

describe('unmet-need statements', () => {
  it('reads like seed 002 §8-3 in numbers', () => {
    const s = { level: 'municipality' as const, areaName: '白井市', categories: ['psychiatric' as const], child: true, specialNeeds: [], count: 4 };
    expect(unmetNeedSentence(s, 3).ja).toBe('白井市内に精神・障害児を受け入れる事業所なし：4件');
    expect(unmetNeedSentence({ ...s, count: null }, 3).ja).toBe('白井市内に精神・障害児を受け入れる事業所なし：3未満件');
  });
});
