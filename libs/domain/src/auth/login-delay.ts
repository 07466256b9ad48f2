/**
 * Progressive delay after failed logins: the first `free` failures cost nothing, then each further
 * failure doubles the wait before the next attempt (1 s, 2 s, 4 s…), never more than `capSeconds`.
 */
export function loginDelaySeconds(failures: number, free: number, capSeconds: number): number {
  if (failures < free) return 0;
  return Math.min(capSeconds, 2 ** Math.min(failures - free, 30));
}

export interface FailureTally {
  /** failures of this account from this IP, and the last one's time (ms) */
  pair: { count: number; lastAt: number | null };
  /** failures of any account from this IP */
  ip: { count: number; lastAt: number | null };
}

/** Seconds until this (account, IP) may try again: 0 when it may now. Other IPs are never slowed by these failures. */
export function loginRetryAfterSeconds(tally: FailureTally, now: number, opts: { freePerPair: number; freePerIp: number; capSeconds: number }): number {
  const wait = (t: { count: number; lastAt: number | null }, free: number) =>
    t.lastAt === null ? 0 : t.lastAt + loginDelaySeconds(t.count, free, opts.capSeconds) * 1000 - now;
  return Math.max(0, Math.ceil(Math.max(wait(tally.pair, opts.freePerPair), wait(tally.ip, opts.freePerIp)) / 1000));
}
