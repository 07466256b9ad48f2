import { requestAlertText } from './alert-text';

describe('requestAlertText', () => {
  const base = { municipalityName: '宇城市', urgency: 'emergency' as const, categories: ['intellectual' as const], supportLevel: 5, nights: 3 };

  it('reads like the issue: area, needs, when, how long', () => {
    expect(requestAlertText({ ...base, from: '2026-12-01' }, '2026-12-01')).toBe('宇城市で緊急受入依頼：知的・区分5・今夜から3泊');
  });

  it('names tomorrow and later dates, several categories and no support level', () => {
    expect(requestAlertText({ ...base, from: '2026-12-02' }, '2026-12-01')).toBe('宇城市で緊急受入依頼：知的・区分5・明夜から3泊');
    expect(
      requestAlertText({ ...base, urgency: 'normal', categories: ['physical', 'intellectual'], supportLevel: 0, from: '2027-01-05', nights: 1 }, '2026-12-31'),
    ).toBe('宇城市で受入依頼：身体・知的・区分なし・1月5日から1泊');
    expect(requestAlertText({ ...base, supportLevel: null, from: '2026-12-01' }, '2026-12-01')).toBe('宇城市で緊急受入依頼：知的・区分不明・今夜から3泊');
  });
});
