import {
  DECLINE_REASON_LABELS,
  SERVICE_TYPE_LABELS,
  URGENCY_LABELS,
  type AnnualReport,
  type BaseType,
  type DeclineReason,
  type MatchScope,
  type ReportCount,
  type RequestOutcome,
  type Urgency,
} from '@akiwa/contracts';
import { CATEGORY_LABELS } from '@akiwa/contracts';
import { formatCount, REPORT_NEEDS, reportNeedLabel } from './report-rules';

/** A count withheld by small-number suppression (shown as 「3未満」). */
export const WITHHELD = Object.freeze({ withheld: 'small' as const });
/** A count withheld because it would give a small one away by subtraction (shown as 「秘匿」). */
export const COMPLEMENT = Object.freeze({ withheld: 'complement' as const });
/** A cell: a number, a text, a withheld count, or nothing to show (null, shown as —). */
export type ReportCell = string | number | null | typeof WITHHELD | typeof COMPLEMENT;
/** A count as a cell: null there means small, 'withheld' a complement. */
const k = (n: ReportCount): ReportCell => (n === null ? WITHHELD : n === 'withheld' ? COMPLEMENT : n);

export interface ReportTable {
  id: string;
  title: string;
  headers: string[];
  rows: ReportCell[][];
}

type Lang = 'ja' | 'en';
const L = <T>(lang: Lang, ja: T, en: T) => (lang === 'ja' ? ja : en);

export const OUTCOME_LABELS: Record<Lang, Record<RequestOutcome, string>> = {
  ja: { placed_municipality: '市町村内で受入', placed_region: '圏域内で受入', placed_prefecture: '県内で受入', unplaced: '受入先なし', cancelled: '取消', open: '対応中' },
  en: { placed_municipality: 'Placed in the municipality', placed_region: 'Placed in the region', placed_prefecture: 'Placed in the prefecture', unplaced: 'Unplaced', cancelled: 'Cancelled', open: 'Open' },
};
export const LEVEL_LABELS: Record<Lang, Record<MatchScope, string>> = {
  ja: { municipality: '市町村内', region: '圏域内', prefecture: '県内' },
  en: { municipality: 'Municipality', region: 'Region', prefecture: 'Prefecture' },
};
export const BASE_TYPE_LABELS: Record<Lang, Record<BaseType, string>> = {
  ja: { multifunctional: '多機能拠点整備型', area_network: '面的整備型', combined: '多機能拠点整備型＋面的整備型' },
  en: { multifunctional: 'Multi-function base', area_network: 'Area network', combined: 'Multi-function base + area network' },
};
const OUTCOMES: RequestOutcome[] = ['placed_municipality', 'placed_region', 'placed_prefecture', 'unplaced', 'cancelled', 'open'];
const LEVELS: MatchScope[] = ['municipality', 'region', 'prefecture'];
const REASONS: DeclineReason[] = ['full', 'medical_care', 'staffing', 'gender', 'other'];
const URGENCIES: Urgency[] = ['emergency', 'watch', 'normal'];

/** 2025-04 → 2025年4月 */
export function monthLabel(month: string, lang: Lang = 'ja'): string {
  return lang === 'ja' ? `${Number(month.slice(0, 4))}年${Number(month.slice(5, 7))}月` : month;
}

const pct = (x: number | null) => (x === null ? null : `${Math.round(x * 1000) / 10}%`);

/**
 * The report as tables, with their headers: one source for the page (the table behind each chart),
 * the Excel workbook (one sheet each) and the CSV files, so the three never disagree.
 */
export function reportTables(r: AnnualReport, lang: Lang = 'ja'): ReportTable[] {
  const q = r.requests;
  const f = r.failures;
  const yesNo = (b: boolean | null) => (b === null ? '' : L(lang, b ? '有' : '無', b ? 'Yes' : 'No'));
  return [
    {
      id: 'status',
      title: L(lang, '拠点等の整備状況（市町村別）', 'Status by municipality'),
      headers: L(lang, ['市町村', '整備類型', 'コーディネーター配置', '登録者数', '緊急保護件数', 'シェルター'], ['Municipality', 'Base type', 'Coordinator staffing', 'Registered persons', 'Emergency protections', 'Shelter']),
      rows: r.status.map((s) => [
        s.municipalityName,
        s.facts.baseType ? BASE_TYPE_LABELS[lang][s.facts.baseType] : '',
        s.facts.coordinatorStaffing,
        r.registrantsAvailable ? k(s.registrants) : '—',
        k(s.emergencyProtections),
        yesNo(s.facts.shelter),
      ]),
    },
    {
      id: 'monthly',
      title: L(lang, '緊急受入の依頼件数（月別・結果別）', 'Emergency requests by month and outcome'),
      headers: [L(lang, '月', 'Month'), ...OUTCOMES.map((o) => OUTCOME_LABELS[lang][o]), L(lang, '合計', 'Total')],
      rows: [
        ...q.byMonth.map((m) => [monthLabel(m.month, lang), ...OUTCOMES.map((o) => k(m.outcomes[o])), k(m.total)]),
        [L(lang, '合計', 'Total'), ...OUTCOMES.map((o) => k(q.byOutcome[o])), k(q.total)],
      ],
    },
    {
      id: 'urgency',
      title: L(lang, '緊急度別の依頼件数', 'Requests by urgency'),
      headers: L(lang, ['緊急度', '件数'], ['Urgency', 'Requests']),
      rows: URGENCIES.map((u) => [URGENCY_LABELS[lang][u], k(q.byUrgency[u])]),
    },
    {
      id: 'needs',
      title: L(lang, '障害種別・必要な支援別の依頼件数', 'Requests by category and need'),
      headers: L(lang, ['障害種別・必要な支援', '件数'], ['Category / need', 'Requests']),
      rows: REPORT_NEEDS.map((n) => [reportNeedLabel(n, lang), k(q.byNeed[n])]),
    },
    {
      id: 'times',
      title: L(lang, '所要時間', 'Time taken'),
      headers: L(lang, ['指標', '件数', '中央値（分）', '90パーセンタイル（分）'], ['Measure', 'Count', 'Median (min)', '90th percentile (min)']),
      rows: [
        [L(lang, '依頼から最初の受入可回答まで', 'Post to first offer'), k(q.toFirstOffer.n), q.toFirstOffer.medianMinutes, q.toFirstOffer.p90Minutes],
        [L(lang, '依頼から受入確定まで', 'Post to placement'), k(q.toPlacement.n), q.toPlacement.medianMinutes, q.toPlacement.p90Minutes],
        [L(lang, '事業所への通知から確認まで', 'Notice to a provider’s acknowledgement'), k(r.engagement.toAcknowledge.n), r.engagement.toAcknowledge.medianMinutes, r.engagement.toAcknowledge.p90Minutes],
        [L(lang, '事業所への通知から回答まで', 'Notice to a provider’s answer'), k(r.engagement.toAnswer.n), r.engagement.toAnswer.medianMinutes, r.engagement.toAnswer.p90Minutes],
      ],
    },
    {
      id: 'placements',
      title: L(lang, 'サービス種別の受入件数・泊数', 'Placements by service type'),
      headers: L(lang, ['サービス種別', '受入件数', '受入泊数'], ['Service type', 'Placements', 'Nights']),
      rows: [...q.placementsByServiceType.map((p) => [SERVICE_TYPE_LABELS[lang][p.serviceType], k(p.placements), k(p.nights)]), [L(lang, '合計', 'Total'), k(q.placements), k(q.nightsPlaced)]],
    },
    {
      id: 'unmet',
      title: L(lang, '受入先が見つからなかった依頼（必要な支援 × 範囲）', 'Requests that found no provider (need × level)'),
      headers: [L(lang, '障害種別・必要な支援', 'Category / need'), ...LEVELS.map((l) => LEVEL_LABELS[lang][l])],
      rows: f.unmetByNeed.map((u) => [reportNeedLabel(u.need, lang), ...LEVELS.map((l) => k(u.levels[l]))]),
    },
    {
      id: 'statements',
      title: L(lang, '受入先がなかったニーズ', 'Needs no provider could meet'),
      headers: [L(lang, '内容', 'Statement')],
      rows: f.statements.map((s) => [s.sentence[lang]]),
    },
    {
      id: 'declines_provider',
      title: L(lang, '事業所別の辞退理由', 'Declines by provider and reason'),
      headers: [L(lang, '事業所', 'Provider'), ...REASONS.map((x) => DECLINE_REASON_LABELS[lang][x]), L(lang, '合計', 'Total')],
      rows: f.declinesByProvider.map((d) => [d.organisationName, ...REASONS.map((x) => k(d.reasons[x])), k(d.total)]),
    },
    {
      id: 'declines_category',
      title: L(lang, '障害種別ごとの辞退理由', 'Declines by category and reason'),
      headers: [L(lang, '障害種別', 'Category'), ...REASONS.map((x) => DECLINE_REASON_LABELS[lang][x]), L(lang, '合計', 'Total')],
      rows: f.declinesByCategory.map((d) => [CATEGORY_LABELS[lang][d.category], ...REASONS.map((x) => k(d.reasons[x])), k(d.total)]),
    },
    {
      id: 'contracted',
      title: L(lang, '協定・契約事業所の受入状況', 'Contracted providers'),
      headers: L(lang, ['事業所', '依頼件数', '当該事業所で受入', '辞退', '受入できず'], ['Provider', 'Requests', 'Placed with it', 'Declined', 'Not placed with it']),
      rows: f.contracted.map((c) => [c.organisationName, k(c.requests), k(c.placedWithIt), k(c.declined), k(c.notPlacedWithIt)]),
    },
    {
      id: 'engagement',
      title: L(lang, '事業所の空き情報の更新状況', 'Provider engagement'),
      headers: L(lang, ['指標', '値'], ['Measure', 'Value']),
      rows: [
        [L(lang, '緊急受入可の居室・床（単位）', 'Emergency units'), r.engagement.units],
        [L(lang, '24時間以内に確認された割合', 'Confirmed within 24 h'), pct(r.engagement.confirmedWithin24h)],
        [L(lang, '空き情報の経過時間の中央値（時間）', 'Median age of vacancy data (h)'), r.engagement.medianVacancyAgeHours],
        [L(lang, '一度も更新していない事業所', 'Providers never updating'), r.engagement.providersNeverUpdating.map((p) => p.organisationName).join('、') || '—'],
        [L(lang, '依頼を確認した割合', 'Requests acknowledged'), pct(r.engagement.acknowledgedShare)],
        [L(lang, '依頼に回答した割合', 'Requests answered'), pct(r.engagement.answeredShare)],
      ],
    },
    {
      id: 'trial',
      title: L(lang, '体験利用（グループホーム別）', 'Trial stays by group home'),
      headers: L(lang, ['グループホーム', '体験泊数', '利用者数'], ['Group home', 'Nights', 'Persons']),
      rows: [...r.trialStays.byHome.map((h) => [h.organisationName, k(h.nights), k(h.persons)]), [L(lang, '合計', 'Total'), k(r.trialStays.nights), k(r.trialStays.persons)]],
    },
    {
      id: 'waiting',
      title: L(lang, '待機者', 'Waiting lists'),
      headers: L(lang, ['指標', '値'], ['Measure', 'Value']),
      rows: [
        [L(lang, '待機者数（期末時点）', 'Waiting at the period end'), k(r.trialStays.waitingList.length)],
        [L(lang, '待機日数の中央値', 'Median days waiting'), r.trialStays.waitingList.medianWaitingDays],
        [L(lang, '最長の待機日数', 'Longest wait (days)'), r.trialStays.waitingList.longestWaitingDays],
      ],
    },
  ];
}

/** How a cell reads in a table or a file: a small count as 「3未満」, a complement as 「秘匿」, a missing figure as —. */
export function formatCell(cell: ReportCell, threshold: number, lang: Lang = 'ja'): string {
  if (cell === null) return '—';
  if (typeof cell === 'object') return formatCount(cell.withheld === 'small' ? null : 'withheld', threshold, lang);
  return String(cell);
}
