import { loginDelaySeconds, loginRetryAfterSeconds } from './login-delay';

describe('login delays', () => {
  it('costs nothing for the first failures, then doubles up to the cap', () => {
    expect([0, 4, 5, 6, 7, 20].map((n) => loginDelaySeconds(n, 5, 900))).toEqual([0, 0, 1, 2, 4, 900]);
  });

  it('waits from the last failure of the pair or of the IP, whichever is longer', () => {
    const opts = { freePerPair: 5, freePerIp: 50, capSeconds: 900 };
    const now = 1_000_000;
    expect(loginRetryAfterSeconds({ pair: { count: 0, lastAt: null }, ip: { count: 0, lastAt: null } }, now, opts)).toBe(0);
    expect(loginRetryAfterSeconds({ pair: { count: 7, lastAt: now - 1000 }, ip: { count: 7, lastAt: now - 1000 } }, now, opts)).toBe(3);
    expect(loginRetryAfterSeconds({ pair: { count: 1, lastAt: now }, ip: { count: 53, lastAt: now } }, now, opts)).toBe(8);
    expect(loginRetryAfterSeconds({ pair: { count: 7, lastAt: now - 10_000 }, ip: { count: 7, lastAt: now - 10_000 } }, now, opts)).toBe(0);
  });
});
