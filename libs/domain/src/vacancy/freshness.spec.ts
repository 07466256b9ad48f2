import { freshnessOf } from './freshness';

const now = new Date('2026-11-25T12:00:00Z');
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);

describe('freshnessOf', () => {
  it('is fresh within the stale hours, stale until the unknown days, then unknown', () => {
    expect(freshnessOf(hoursAgo(1), now)).toBe('fresh');
    expect(freshnessOf(hoursAgo(23.9), now)).toBe('fresh');
    expect(freshnessOf(hoursAgo(24), now)).toBe('stale');
    expect(freshnessOf(hoursAgo(24 * 7 - 0.1), now)).toBe('stale');
    expect(freshnessOf(hoursAgo(24 * 7), now)).toBe('unknown');
  });

  it('treats a missing or unreadable confirmation as unknown', () => {
    expect(freshnessOf(null, now)).toBe('unknown');
    expect(freshnessOf('not a date', now)).toBe('unknown');
  });

  it('follows the configured policy and accepts ISO strings', () => {
    const policy = { staleHours: 2, unknownDays: 1 };
    expect(freshnessOf(hoursAgo(3).toISOString(), now, policy)).toBe('stale');
    expect(freshnessOf(hoursAgo(25), now, policy)).toBe('unknown');
  });
});
