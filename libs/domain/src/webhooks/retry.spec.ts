import { nextWebhookAttempt } from './retry';

describe('nextWebhookAttempt', () => {
  const at = new Date('2026-12-01T00:00:00Z');
  const policy = { baseMs: 30_000, maxMs: 3_600_000, maxAttempts: 10 };
  const wait = (attempts: number) => {
    const next = nextWebhookAttempt(at, attempts, policy);
    return next && next.getTime() - at.getTime();
  };

  it('doubles the wait after each failure, from the base', () => {
    expect([1, 2, 3, 4].map(wait)).toEqual([30_000, 60_000, 120_000, 240_000]);
  });

  it('caps the wait', () => {
    expect(wait(9)).toBe(3_600_000);
  });

  it('gives up after the last attempt', () => {
    expect(wait(10)).toBeNull();
    expect(nextWebhookAttempt(at, 3, { ...policy, maxAttempts: 3 })).toBeNull();
  });
});
