import type { DeclineReason, MatchScope } from './requests';
import type { DisabilityCategory, ServiceType, SpecialNeed, Urgency } from './enums';

/**
 * 年次検証 (annual verification) and the municipal officer's dashboard: aggregates only, never a
 * person. Every count that could point at a person is a `ReportCount`: `null` when it is above zero
 * and below the report's `suppressBelow` (shown as 「3未満」), so nobody can be recognised in a small
 * town; `'withheld'` (shown as 「秘匿」) when it is not small but would give a small one away by
 * subtraction from a total (complementary suppression, libs/domain `suppressCounts`). Zero is shown:
 * it names nobody.
 */
export type ReportCount = number | null | 'withheld';

/** Whose figures: a municipality (its wards included), a 圏域, a prefecture (admin) or a coordinator's centre. */
export const ReportScopeKind = {
  Municipality: 'municipality',
  Region: 'region',
  Prefecture: 'prefecture',
  Centre: 'centre',
} as const;
export type ReportScopeKind = (typeof ReportScopeKind)[keyof typeof ReportScopeKind];

/** The five functions of the national guideline: the report's chapters. */
export const ReportChapter = {
  Consultation: 'consultation', // 相談
  Emergency: 'emergency', // 緊急時の受け入れ・対応
  Trial: 'trial', // 体験の機会・場
  Specialists: 'specialists', // 専門的人材の確保・養成
  Network: 'network', // 地域の体制づくり
} as const;
export type ReportChapter = (typeof ReportChapter)[keyof typeof ReportChapter];

/** The free-text sections the officer writes in each chapter. */
export const ReportSection = {
  Results: 'results', // 実績
  Issues: 'issues', // 課題
  Direction: 'direction', // 今後の方向性
} as const;
export type ReportSection = (typeof ReportSection)[keyof typeof ReportSection];

/** 整備類型 (seed 000). */
export const BaseType = {
  Multifunctional: 'multifunctional', // 多機能拠点整備型
  AreaNetwork: 'area_network', // 面的整備型
  Combined: 'combined', // 多機能拠点整備型＋面的整備型
} as const;
export type BaseType = (typeof BaseType)[keyof typeof BaseType];

/** How a request ended: placed at which distance from the person's municipality, or not. */
export const RequestOutcome = {
  PlacedMunicipality: 'placed_municipality',
  PlacedRegion: 'placed_region',
  PlacedPrefecture: 'placed_prefecture',
  Unplaced: 'unplaced',
  Cancelled: 'cancelled',
  Open: 'open',
} as const;
export type RequestOutcome = (typeof RequestOutcome)[keyof typeof RequestOutcome];

/** A need a request can have, as the report counts it: a category, 障害児, or a special need. */
export type ReportNeed = DisabilityCategory | 'child' | SpecialNeed;

export interface ReportQuery {
  scope?: ReportScopeKind;
  /** Municipality code, region id, prefecture code or centre (organisation) id; default: the caller's own. */
  code?: string;
  /** 年度 (the calendar year it starts in), or a period [from, to). */
  fiscalYear?: number;
  from?: string;
  to?: string;
}

/** Median and 90th percentile in minutes over `n` requests (both null when n is suppressed or 0). */
export interface DurationStats {
  n: ReportCount;
  medianMinutes: number | null;
  p90Minutes: number | null;
}

export interface StatusRow {
  municipalityCode: string;
  municipalityName: string;
  /** 登録者数: persons in the registrant ledger (the city's wards included) registered by the period's end; null when `registrantsAvailable` is false. */
  registrants: ReportCount;
  /** 緊急保護件数: placements of persons from this municipality. */
  emergencyProtections: ReportCount;
  facts: BaseFacts;
}

/** The editable facts of the seed 000 table, per municipality and fiscal year. */
export interface BaseFacts {
  baseType: BaseType | null;
  /** コーディネーター配置, e.g. 「有（計画相談と兼務1名）」. */
  coordinatorStaffing: string;
  /** シェルター 有/無 (null: not stated). */
  shelter: boolean | null;
  updatedAt: string | null;
  updatedByName: string | null;
  version: number;
}

export interface UnmetNeedStatement {
  level: MatchScope;
  /** The area at that level, e.g. 白井市, 印旛圏域, 千葉県. */
  areaName: string;
  categories: DisabilityCategory[];
  child: boolean;
  specialNeeds: SpecialNeed[];
  count: ReportCount;
  /** 「白井市内に精神・障害児を受け入れる事業所なし：3件」 */
  sentence: { ja: string; en: string };
}

export interface AnnualReport {
  scope: { kind: ReportScopeKind; code: string; name: string };
  period: { from: string; to: string; fiscalYear: number | null; label: string };
  suppressBelow: number;
  /** False when the ledger has no registration for any municipality of the table (not kept in Akiwa): 登録者数 is shown as —. */
  registrantsAvailable: boolean;
  requests: {
    total: ReportCount;
    byMonth: { month: string; outcomes: Record<RequestOutcome, ReportCount>; total: ReportCount }[];
    byOutcome: Record<RequestOutcome, ReportCount>;
    byUrgency: Record<Urgency, ReportCount>;
    byNeed: Record<ReportNeed, ReportCount>;
    toFirstOffer: DurationStats;
    toPlacement: DurationStats;
    placementsByServiceType: { serviceType: ServiceType; placements: ReportCount; nights: ReportCount }[];
    /** Placed requests (the placements table's total). */
    placements: ReportCount;
    nightsPlaced: ReportCount;
  };
  failures: {
    unplaced: ReportCount;
    /** Requests that found no provider at a level, by need. */
    unmetByNeed: { need: ReportNeed; levels: Record<MatchScope, ReportCount> }[];
    statements: UnmetNeedStatement[];
    declinesByProvider: { organisationId: string; organisationName: string; reasons: Record<DeclineReason, ReportCount>; total: ReportCount }[];
    declinesByCategory: { category: DisabilityCategory; reasons: Record<DeclineReason, ReportCount>; total: ReportCount }[];
    /** 協定を結んでいる事業所であっても受け入れが困難 (seed 000). */
    contracted: { organisationId: string; organisationName: string; requests: ReportCount; placedWithIt: ReportCount; declined: ReportCount; notPlacedWithIt: ReportCount }[];
  };
  engagement: {
    asOf: string;
    units: number;
    /** Share (0–1) of active emergency-ready units whose figure for the night in progress at `asOf` was confirmed within 24 h. */
    confirmedWithin24h: number | null;
    /** Median age (hours) at `asOf` of those figures, over the units that had one. */
    medianVacancyAgeHours: number | null;
    providersNeverUpdating: { organisationId: string; organisationName: string }[];
    /** Notice to a provider → its first answer (offer or decline). */
    toAnswer: DurationStats;
    answeredShare: number | null;
    /** Notice to a provider → its acknowledgement (確認しました, or its answer if that came first). */
    toAcknowledge: DurationStats;
    acknowledgedShare: number | null;
  };
  trialStays: {
    nights: ReportCount;
    persons: ReportCount;
    byHome: { organisationId: string; organisationName: string; nights: ReportCount; persons: ReportCount }[];
    waitingList: { length: ReportCount; medianWaitingDays: number | null; longestWaitingDays: number | null };
  };
  status: StatusRow[];
}

export interface ReportTextView {
  chapter: ReportChapter;
  section: ReportSection;
  body: string;
  version: number;
  updatedAt: string | null;
  updatedByName: string | null;
}

export interface ReportTextsView {
  scope: { kind: ReportScopeKind; code: string };
  fiscalYear: number;
  texts: ReportTextView[];
}

export interface SaveReportTextRequest {
  body: string;
  /** The version read (0 for a text never saved); a stale one answers 409 with the current text. */
  version: number;
}

export interface SaveBaseFactsRequest {
  baseType: BaseType | null;
  coordinatorStaffing: string;
  shelter: boolean | null;
  version: number;
}

export interface RegionSharingView {
  regionId: string;
  regionName: string;
  shared: boolean;
  updatedAt: string | null;
  updatedByName: string | null;
}

/**
 * A region's widening and response windows (officer settings): minutes an emergency request stays at
 * one level before it widens, and minutes each provider told has to answer. Null: the default.
 */
export interface RegionWindows {
  regionId: string;
  regionName: string;
  widenMinutes: number | null;
  answerMinutes: number | null;
  /** The defaults in force where the region sets none. */
  defaults: { widenMinutes: number; answerMinutes: number };
  updatedAt: string | null;
  updatedByName: string | null;
}

export interface UpdateRegionWindows {
  widenMinutes: number | null;
  answerMinutes: number | null;
}
