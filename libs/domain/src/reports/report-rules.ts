import { CATEGORY_LABELS, NEED_LABELS, type DisabilityCategory, type MatchScope, type ReportCount, type ReportNeed, type SpecialNeed } from '@akiwa/contracts';
import { addDays, daysBetween, isCalendarDate } from '../vacancy/nights';
import { fiscalYearRange } from '../trial-stay/fiscal-year';
import { fiscalYearLabel, formatSeireki } from '../trial-stay/wareki';
import { isSmallCount } from './suppression';

/** Small-number suppression of a count on its own (no total beside it): withheld (null, 「3未満」) when small. */
export function suppressCount(n: number, threshold: number): ReportCount {
  return isSmallCount(n, threshold) ? null : n;
}

/** How a (possibly suppressed) count reads: 「3未満」 for a small one, 「秘匿」 for a complement. */
export function formatCount(n: ReportCount, threshold: number, lang: 'ja' | 'en' = 'ja'): string {
  if (n === null) return lang === 'ja' ? `${threshold}未満` : `<${threshold}`;
  if (n === 'withheld') return lang === 'ja' ? '秘匿' : 'withheld';
  return String(n);
}

export interface ReportPeriod {
  /** Half-open [from, to), dates in Japan. */
  from: string;
  to: string;
  fiscalYear: number | null;
  /** 「令和7年度（2025年4月1日〜2026年3月31日）」 */
  label: string;
}

/** A fiscal year (April–March) or a period [from, to) as the report names it; null when the period is not valid. */
export function reportPeriod(q: { fiscalYear?: number; from?: string; to?: string }): ReportPeriod | null {
  if (q.fiscalYear !== undefined) {
    const { start, end } = fiscalYearRange(q.fiscalYear);
    return { from: start, to: end, fiscalYear: q.fiscalYear, label: `${fiscalYearLabel(q.fiscalYear)}（${formatSeireki(start)}〜${formatSeireki(addDays(end, -1))}）` };
  }
  if (!isCalendarDate(q.from) || !isCalendarDate(q.to) || daysBetween(q.from, q.to) <= 0 || daysBetween(q.from, q.to) > 3 * 366) return null;
  return { from: q.from, to: q.to, fiscalYear: null, label: `${formatSeireki(q.from)}〜${formatSeireki(addDays(q.to, -1))}` };
}

/** The needs a report counts, in the order it shows them. */
export const REPORT_NEEDS: readonly ReportNeed[] = ['physical', 'intellectual', 'psychiatric', 'intractable_disease', 'child', 'medical_care', 'severe_behavioural', 'severe_physical'];

export function reportNeedLabel(need: ReportNeed, lang: 'ja' | 'en'): string {
  if (need === 'child') return lang === 'ja' ? '障害児' : 'Children';
  if (need in CATEGORY_LABELS.ja) return CATEGORY_LABELS[lang][need as DisabilityCategory];
  return NEED_LABELS[lang][need as SpecialNeed];
}

/** 「白井市内に精神・障害児を受け入れる事業所なし：3件」 — seed 002 §8-3 in numbers. */
export function unmetNeedSentence(
  s: { level: MatchScope; areaName: string; categories: DisabilityCategory[]; child: boolean; specialNeeds: SpecialNeed[]; count: ReportCount },
  threshold: number,
): { ja: string; en: string } {
  const needs: ReportNeed[] = [...s.categories, ...(s.child ? (['child'] as const) : []), ...s.specialNeeds];
  const ja = needs.map((n) => reportNeedLabel(n, 'ja')).join('・');
  const en = needs.map((n) => reportNeedLabel(n, 'en').toLowerCase()).join(', ');
  const count = formatCount(s.count, threshold, 'ja');
  return {
    ja: `${s.areaName}内に${ja}を受け入れる事業所なし：${count}件`,
    en: `No provider in ${s.areaName} accepting ${en}: ${formatCount(s.count, threshold, 'en')} request(s)`,
  };
}
