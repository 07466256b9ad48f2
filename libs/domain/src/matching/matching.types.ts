import type { DisabilityCategory, Gender, MatchScope, RoomGender, SpecialNeed } from '@akiwa/contracts';
import type { VacancyPolicy } from '../vacancy/freshness';
import type { VacancyRow } from '../vacancy/availability';

export type { MatchScope };
/** How far a request reaches: it starts at the person's municipality and widens (seed 000, steps ⑤⑥). */
export const SCOPES: readonly MatchScope[] = ['municipality', 'region', 'prefecture'];

/** Where something is. `cityCode` is the municipality itself, or for a ward (区) its city. */
export interface Place {
  municipalityCode: string;
  cityCode: string;
  regionId: string | null;
  prefectureCode: string;
}

/** The de-identified needs of the person, as an emergency request states them. */
export interface PersonNeeds {
  categories: DisabilityCategory[];
  child: boolean;
  /** 障害支援区分 0 (非該当) to 6; null when not known (不明): only units taking every level match. */
  supportLevel: number | null;
  specialNeeds: SpecialNeed[];
  gender: Gender;
}

export interface CandidateUnit {
  unitId: string;
  organisationId: string;
  place: Place;
  categories: DisabilityCategory[];
  acceptsChildren: boolean;
  supportLevelMin: number;
  supportLevelMax: number;
  specialNeeds: SpecialNeed[];
  roomGender: RoomGender;
  emergencyOk: boolean;
  /** 受入停止中 until this time (infection outbreak, staffing); null or past: admitting. */
  admissionsPausedUntil?: Date | null;
  /** 夜間受入可: can admit a person at night (default true). */
  nightAdmission?: boolean;
  /** The unit's vacancy rows covering (at least) the requested nights. */
  vacancies: VacancyRow[];
}

export interface MatchRequest {
  needs: PersonNeeds;
  home: Place;
  from: string;
  nights: number;
  scope: MatchScope;
  /** The provider the person already has a contract with (step ③): ranked first. */
  contractedOrganisationId?: string | null;
  now: Date;
  /** The person would arrive tonight, at night: units that cannot admit at night are left out. */
  atNight?: boolean;
  policy?: VacancyPolicy;
}

/** The hard filters, in the order they are explained; `vacancy` is tested only on units passing the others. */
export type MatchFilter = 'emergency' | 'paused' | 'category' | 'child' | 'support_level' | 'special_needs' | 'room_gender' | 'night' | 'vacancy';
export const FILTERS: readonly MatchFilter[] = ['emergency', 'paused', 'category', 'child', 'support_level', 'special_needs', 'room_gender', 'night', 'vacancy'];

export interface RankedMatch {
  unitId: string;
  organisationId: string;
  /** 0 same municipality (city), 1 same region, 2 same prefecture. */
  distance: number;
  contracted: boolean;
  /**
   * The contracted provider's unit whose board shows no bed on some night: asked first all the same
   * (seed 000 step ③) — it may answer 満床 or free a bed. `available` is 0.
   */
  full: boolean;
  /** Lower is a closer fit: how much of the unit's specialised capacity this person would not use. */
  surplus: number;
  available: number;
  confirmedAt: Date;
  freshness: 'fresh' | 'stale' | 'unknown';
}

export interface FilterExclusion {
  filter: MatchFilter;
  /** Units in the area that fail this filter (a unit can fail several). */
  units: number;
  /**
   * Providers without a match that this filter rules out: every one of their units fails it (for
   * `vacancy`: their units that pass every other filter have no bed). A provider can be counted under
   * several filters.
   */
  providers: number;
  message: { ja: string; en: string };
}

export interface MatchResult {
  scope: MatchScope;
  matches: RankedMatch[];
  /** Units and providers in the area before any filter. */
  considered: { units: number; providers: number };
  /** Why providers in the area were left out, one entry per filter that excluded any (in FILTERS order). */
  exclusions: FilterExclusion[];
}
