/**
 * Trial-stay limits (体験利用): per person at most N consecutive nights per stay and M nights per
 * fiscal year, across every group home. National defaults 30 / 50; municipalities may set others.
 */
import { daysBetween } from '../vacancy/nights';
import { fiscalYearRange, nightsByFiscalYear } from './fiscal-year';

export interface TrialStayPolicy {
  maxConsecutiveNights: number;
  maxNightsPerFiscalYear: number;
}

export const DEFAULT_TRIAL_STAY_POLICY: Readonly<TrialStayPolicy> = Object.freeze({ maxConsecutiveNights: 30, maxNightsPerFiscalYear: 50 });

export type TrialStayProblem =
  | { kind: 'empty' }
  | { kind: 'consecutive'; max: number; requested: number }
  | { kind: 'fiscal_year'; fiscalYear: number; max: number; used: number; remaining: number; requested: number };

/**
 * Checks a requested stay [from, to) (to = the day of leaving) against the policy, given the nights
 * the person already holds (requested or approved) in each fiscal year the stay touches.
 * A stay across March 31 / April 1 counts its nights in each year separately.
 */
export function checkTrialStay(from: string, to: string, usedByFiscalYear: ReadonlyMap<number, number>, policy: TrialStayPolicy): TrialStayProblem | null {
  const nights = daysBetween(from, to);
  if (nights < 1) return { kind: 'empty' };
  if (nights > policy.maxConsecutiveNights) return { kind: 'consecutive', max: policy.maxConsecutiveNights, requested: nights };
  for (const [fiscalYear, requested] of nightsByFiscalYear(from, to)) {
    const used = usedByFiscalYear.get(fiscalYear) ?? 0;
    if (used + requested > policy.maxNightsPerFiscalYear) {
      return { kind: 'fiscal_year', fiscalYear, max: policy.maxNightsPerFiscalYear, used, remaining: Math.max(0, policy.maxNightsPerFiscalYear - used), requested };
    }
  }
  return null;
}

/** The fiscal years a stay [from, to) touches, with their date ranges (for the nights-used query). */
export function fiscalYearsOf(from: string, to: string): { fiscalYear: number; start: string; end: string }[] {
  return [...nightsByFiscalYear(from, to).keys()].map((fiscalYear) => ({ fiscalYear, ...fiscalYearRange(fiscalYear) }));
}
