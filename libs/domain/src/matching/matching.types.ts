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
  /** 障害支援区分 0 (非該当) to 6. */
  supportLevel: number;
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
  policy?: VacancyPolicy;
}

/** The hard filters, in the order a unit is tested against them. */
export type MatchFilter = 'emergency' | 'category' | 'child' | 'support_level' | 'special_needs' | 'room_gender' | 'vacancy';
export const FILTERS: readonly MatchFilter[] = ['emergency', 'category', 'child', 'support_level', 'special_needs', 'room_gender', 'vacancy'];

export interface RankedMatch {
  unitId: string;
  organisationId: string;
  /** 0 same municipality (city), 1 same region, 2 same prefecture. */
  distance: number;
  contracted: boolean;
  /** Lower is a closer fit: how much of the unit's specialised capacity this person would not use. */
  surplus: number;
  available: number;
  confirmedAt: Date;
  freshness: 'fresh' | 'stale' | 'unknown';
}

export interface FilterExclusion {
  filter: MatchFilter;
  /** Units in the area that passed every earlier filter and failed this one. */
  units: number;
  /** Providers (organisations) none of whose units got past this filter and that were still in the running. */
  providers: number;
  message: { ja: string; en: string };
}

export interface MatchResult {
  scope: MatchScope;
  matches: RankedMatch[];
  /** Units and providers in the area before any filter. */
  considered: { units: number; providers: number };
  /** Why units in the area were left out, one entry per filter that excluded any. */
  exclusions: FilterExclusion[];
}
