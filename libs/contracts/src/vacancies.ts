import type { Page } from './organisations';
import { Gender, type DisabilityCategory, type RoomGender, type ServiceType, type SpecialNeed } from './enums';

/** A unit (短期入所の床・GHの住居・施設入所の床) and whom it accepts. */
export interface UnitFields {
  name: string;
  serviceType: ServiceType;
  /** 5-digit municipality code; a ward's code for 政令市 wards. */
  municipalityCode: string;
  capacity: number;
  categories: DisabilityCategory[];
  acceptsChildren: boolean;
  /** 障害支援区分 range accepted, 0 (非該当) to 6. */
  supportLevelMin: number;
  supportLevelMax: number;
  specialNeeds: SpecialNeed[];
  roomGender: RoomGender;
  emergencyOk: boolean;
  trialOk: boolean;
  contact24h: string;
  note: string;
}

export type CreateUnitRequest = UnitFields;
/** Every edit names the version it was based on; an outdated one gets 409 with the current unit. */
export type UpdateUnitRequest = Partial<UnitFields> & { version: number };

export interface UnitView extends UnitFields, AdmissionsStatus {
  id: string;
  organisationId: string;
  organisationName: string;
  version: number;
  retiredAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/**
 * Admissions status (as the NHS Capacity Tracker has it), set apart from the unit's fields by its own
 * provider (`PUT /api/units/:id/admissions`): 受入停止中 until a time, with a reason, and 夜間受入可.
 * A pause leaves the vacancy figures as they are: matching and the board read it beside them
 * (libs/domain `admissionsPaused`).
 */
export interface AdmissionsStatus {
  /** 受入停止中 until this time (ISO); null, or a time passed: admitting. */
  admissionsPausedUntil: string | null;
  /** Why admissions are paused (感染症の発生, 職員不足); '' when not paused. */
  admissionsPauseReason: string;
  /** 夜間受入可: a person can be admitted at night (after the evening, before the service night ends). */
  nightAdmission: boolean;
}

/** `PUT /api/units/:id/admissions`: the whole status at once. */
export interface SetAdmissionsRequest {
  /** Pause until this time (in the future, within a year); null resumes admissions. */
  pausedUntil: string | null;
  /** Required with a pause, at most 200 characters. */
  pauseReason?: string;
  nightAdmission: boolean;
}

/** `GET /api/units`: `mine=true` lists the caller's own organisation's units (retired ones with `includeRetired=true`). */
export interface UnitListQuery {
  mine?: boolean;
  organisationId?: string;
  /** A city code includes its wards. */
  municipalityCode?: string;
  includeRetired?: boolean;
  limit?: number;
  offset?: number;
}

/** One version of a unit, newest first in `GET /api/units/:id/history`. */
export interface UnitHistoryEntry {
  version: number;
  action: 'create' | 'update' | 'retire';
  /** The unit as it was after this change. */
  snapshot: UnitView;
  /** Who made the change: only for the unit's own organisation (null for everyone else, and for the system). */
  changedBy: { id: string; displayName: string } | null;
  changedAt: string;
}

/** Vacancy gender: `any` for beds open to either sex; `male`/`female` where rooms are gendered. */
/** A vacancy row's gender: `any` beds, or beds of gendered rooms. */
export const VacancyGender = { Any: 'any', ...Gender } as const;
export type VacancyGender = (typeof VacancyGender)[keyof typeof VacancyGender];

export interface VacancyNight {
  night: string; // YYYY-MM-DD (the night starting that date)
  gender: VacancyGender;
  /** Beds the provider declares free. */
  free: number;
  /** Beds taken by holds and placements (emergency offers); available = free - held. */
  held: number;
  confirmedAt: string;
}

export type Freshness = 'fresh' | 'stale' | 'unknown';

/**
 * How long a provider's "free beds" statement can be trusted (the API's VACANCY_STALE_HOURS and
 * VACANCY_UNKNOWN_DAYS): `GET /api/vacancies/policy`, so the web judges freshness like the API does.
 */
export interface VacancyPolicy {
  /** Confirmed within this many hours: fresh. */
  staleHours: number;
  /** Confirmed longer ago than this many days: unknown (treated as not free). */
  unknownDays: number;
}

export interface UnitVacancies {
  unitId: string;
  /** Optimistic-concurrency token for the unit's vacancies: send it back with every change. */
  vacancyVersion: number;
  /** The oldest confirmation among the nights shown (drives the freshness badge). */
  confirmedAt: string | null;
  freshness: Freshness;
  nights: VacancyNight[];
}

/** Set free beds for every night in [from, to] (inclusive) — "2 free from 11/25 to 11/30". */
export interface SetVacancyRangeRequest {
  from: string;
  to: string;
  gender: VacancyGender;
  free: number;
  expectedVersion: number;
}

/** Tonight's +/− buttons: change free beds by delta for one night. */
export interface AdjustVacancyRequest {
  night: string;
  gender: VacancyGender;
  delta: number;
  expectedVersion: number;
}

/** "Still accurate": re-confirm all of the unit's vacancy rows from today on. */
export interface ConfirmVacanciesRequest {
  expectedVersion: number;
}

export interface VacancySearchQuery {
  prefectureCode?: string;
  regionId?: string;
  municipalityCode?: string;
  from: string;
  nights: number;
  category?: DisabilityCategory;
  child?: boolean;
  supportLevel?: number;
  needs?: SpecialNeed[];
  gender?: Gender;
  serviceType?: ServiceType;
  emergencyOk?: boolean;
  trialOk?: boolean;
  limit?: number;
  offset?: number;
}

/**
 * `GET /api/vacancies/search`: a page of hits. `total` is exact up to `max(100, offset + limit)`;
 * beyond that the count stops there and `totalIsLowerBound` is true (show "100件以上").
 */
export interface VacancySearchPage extends Page<VacancySearchHit> {
  totalIsLowerBound: boolean;
}

export interface VacancySearchHit {
  unit: Pick<
    UnitView,
    | 'id' | 'name' | 'serviceType' | 'municipalityCode' | 'organisationId' | 'organisationName' | 'capacity' | 'roomGender' | 'emergencyOk' | 'trialOk' | 'contact24h'
    | keyof AdmissionsStatus
  >;
  /**
   * Smallest number of beds available over the requested nights, as the board says it — also while
   * admissions are paused (the figures are not zeroed; the pause is shown beside them and a paused
   * unit ranks after the admitting ones of its distance).
   */
  available: number;
  /** 0 same municipality, 1 same region, 2 same prefecture, 3 elsewhere (relative to the searched area). */
  distance: number;
  confirmedAt: string;
  freshness: Freshness;
}

/** Area rooms a board subscribes to; events go only to the rooms of the unit's area. */
export interface VacancySubscription {
  prefectureCode?: string;
  regionId?: string;
  municipalityCode?: string;
}

export interface VacancyChangedEvent {
  unitId: string;
  organisationId: string;
  municipalityCode: string;
  vacancyVersion: number;
  /** The rows that changed, with their new values. */
  nights: VacancyNight[];
  confirmedAt: string;
  /** What happened: edit (range, +/−), confirm ("still accurate"), hold/release (emergency offers). */
  reason: 'edit' | 'confirm' | 'hold' | 'release' | 'import';
  at: string;
}

export interface UnitChangedEvent {
  unit: UnitView;
  at: string;
}

export interface CsvImportReport {
  ok: boolean;
  /** Rows written when ok; 0 otherwise (nothing is written when any row is invalid). */
  written: number;
  errors: { row: number; field: string; message: { ja: string; en: string } }[];
}
