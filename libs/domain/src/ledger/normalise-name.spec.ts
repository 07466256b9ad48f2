import { ageBandOn, ageOn } from './age-band';
import { normaliseName } from './normalise-name';

describe('normaliseName', () => {
  it('finds 「ヤマダ　タロウ」 from 「やまだたろう」 and 「ﾔﾏﾀﾞﾀﾛｳ」', () => {
    const key = normaliseName('ヤマダ　タロウ');
    expect(normaliseName('やまだたろう')).toBe(key);
    expect(normaliseName('ﾔﾏﾀﾞﾀﾛｳ')).toBe(key);
    expect(normaliseName('ﾔﾏﾀﾞ ﾀﾛｳ')).toBe(key);
    expect(normaliseName('やまだ じろう')).not.toBe(key);
  });
  it('folds old character forms and spaces in kanji names', () => {
    expect(normaliseName('髙橋 﨑子')).toBe(normaliseName('高橋崎子'));
    expect(normaliseName('渡邊　澤')).toBe(normaliseName('渡辺沢'));
  });
  it('folds full-width letters and case', () => {
    expect(normaliseName('ＡＢＣ')).toBe(normaliseName('abc'));
  });
});

describe('ageBandOn', () => {
  it('counts whole years', () => {
    expect(ageOn('2000-12-02', '2026-12-01')).toBe(25);
    expect(ageOn('2000-12-01', '2026-12-01')).toBe(26);
    expect(ageBandOn('2009-01-01', '2026-12-01')).toBe('12-17');
    expect(ageBandOn('1975-04-01', '2026-12-01')).toBe('50-64');
  });
});
