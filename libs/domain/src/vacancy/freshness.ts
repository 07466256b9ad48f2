import type { Freshness, VacancyPolicy } from '@akiwa/contracts';

/**
 * How long a provider's "free beds" statement can be trusted. Stale vacancy data is the known failure
 * of existing vacancy sites, so an old confirmation is shown as stale and, past `unknownDays`, no
 * longer counts as free at all. The API may configure other figures; it serves them to the web.
 */
export type { VacancyPolicy };

export const DEFAULT_VACANCY_POLICY: VacancyPolicy = { staleHours: 24, unknownDays: 7 };

export interface FreshnessCutoffs {
  /** Confirmations at or before this instant are stale. */
  staleBefore: Date;
  /** Confirmations at or before this instant are unknown. */
  unknownBefore: Date;
}

export function freshnessCutoffs(now: Date, policy: VacancyPolicy = DEFAULT_VACANCY_POLICY): FreshnessCutoffs {
  return {
    staleBefore: new Date(now.getTime() - policy.staleHours * 3_600_000),
    unknownBefore: new Date(now.getTime() - policy.unknownDays * 86_400_000),
  };
}

export function freshnessOf(confirmedAt: Date | string | null | undefined, now: Date, policy: VacancyPolicy = DEFAULT_VACANCY_POLICY): Freshness {
  if (confirmedAt === null || confirmedAt === undefined) return 'unknown';
  const at = typeof confirmedAt === 'string' ? Date.parse(confirmedAt) : confirmedAt.getTime();
  if (Number.isNaN(at)) return 'unknown';
  const { staleBefore, unknownBefore } = freshnessCutoffs(now, policy);
  return freshnessAtMs(at, staleBefore.getTime(), unknownBefore.getTime());
}

/** `freshnessOf` for an instant in epoch ms against cutoffs computed once (a calendar's 15,000 cells). */
export function freshnessAtMs(at: number, staleBeforeMs: number, unknownBeforeMs: number): Freshness {
  if (at <= unknownBeforeMs) return 'unknown';
  return at <= staleBeforeMs ? 'stale' : 'fresh';
}

/** Fresh before stale before unknown, for sorting. */
export const FRESHNESS_RANK: Record<Freshness, number> = { fresh: 0, stale: 1, unknown: 2 };
