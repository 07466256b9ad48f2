/**
 * Trial-stay limits (体験利用): per person at most N consecutive nights per stay and M nights per
 * fiscal year, across every group home. National defaults 30 / 50; municipalities may set others.
 */
import { addDays, daysBetween } from '../vacancy/nights';
import { fiscalYearRange, nightsByFiscalYear } from './fiscal-year';
import { mergeRanges, type DateRange } from './ranges';

export interface TrialStayPolicy {
  maxConsecutiveNights: number;
  maxNightsPerFiscalYear: number;
}

export const DEFAULT_TRIAL_STAY_POLICY: Readonly<TrialStayPolicy> = Object.freeze({ maxConsecutiveNights: 30, maxNightsPerFiscalYear: 50 });

export type TrialStayProblem =
  | { kind: 'empty' }
  /** `consecutive`: the nights in a row with the person's adjoining stays (`run`), at least `requested`. */
  | { kind: 'consecutive'; max: number; requested: number; consecutive: number; run: DateRange }
  | { kind: 'fiscal_year'; fiscalYear: number; max: number; used: number; remaining: number; requested: number };

/**
 * Checks a requested stay [from, to) (to = the day of leaving) against the policy, given the nights
 * the person already holds (requested or approved) in each fiscal year the stay touches, and the
 * person's other live stays (at any home). Consecutive nights count across back-to-back stays: a stay
 * that begins the day another ends continues it (30 nights, then 1 adjoining night, is 31 in a row).
 * A stay across March 31 / April 1 counts its nights in each year separately.
 */
export function checkTrialStay(
  from: string,
  to: string,
  usedByFiscalYear: ReadonlyMap<number, number>,
  policy: TrialStayPolicy,
  otherStays: readonly DateRange[] = [],
): TrialStayProblem | null {
  const nights = daysBetween(from, to);
  if (nights < 1) return { kind: 'empty' };
  const run = consecutiveRun({ from, to }, otherStays);
  const consecutive = daysBetween(run.from, run.to);
  if (consecutive > policy.maxConsecutiveNights) return { kind: 'consecutive', max: policy.maxConsecutiveNights, requested: nights, consecutive, run };
  for (const [fiscalYear, requested] of nightsByFiscalYear(from, to)) {
    const used = usedByFiscalYear.get(fiscalYear) ?? 0;
    if (used + requested > policy.maxNightsPerFiscalYear) {
      return { kind: 'fiscal_year', fiscalYear, max: policy.maxNightsPerFiscalYear, used, remaining: Math.max(0, policy.maxNightsPerFiscalYear - used), requested };
    }
  }
  return null;
}

/** The unbroken run of nights that `stay` forms with the stays that touch it (directly or through each other). */
export function consecutiveRun(stay: DateRange, otherStays: readonly DateRange[]): DateRange {
  return mergeRanges([stay, ...otherStays]).find((r) => r.from <= stay.from && stay.to <= r.to) ?? { ...stay };
}

/**
 * How far around a stay the person's other stays can matter for the consecutive limit: a stay
 * further away than the limit cannot join the run. The API reads the person's stays in this window.
 */
export function consecutiveWindow(stay: DateRange, policy: TrialStayPolicy): DateRange {
  return { from: addDays(stay.from, -policy.maxConsecutiveNights), to: addDays(stay.to, policy.maxConsecutiveNights) };
}

export type TrialPolicyProblem = { field: 'maxConsecutiveNights'; kind: 'consecutive_above_yearly'; max: number };

/** A policy is coherent when one stay could be as long as its consecutive limit within the yearly limit. */
export function checkTrialPolicy(policy: TrialStayPolicy): TrialPolicyProblem | null {
  if (policy.maxConsecutiveNights > policy.maxNightsPerFiscalYear) return { field: 'maxConsecutiveNights', kind: 'consecutive_above_yearly', max: policy.maxNightsPerFiscalYear };
  return null;
}

/** The fiscal years a stay [from, to) touches, with their date ranges (for the nights-used query). */
export function fiscalYearsOf(from: string, to: string): { fiscalYear: number; start: string; end: string }[] {
  return [...nightsByFiscalYear(from, to).keys()].map((fiscalYear) => ({ fiscalYear, ...fiscalYearRange(fiscalYear) }));
}
