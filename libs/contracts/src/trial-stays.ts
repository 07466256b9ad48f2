/**
 * 体験利用 (group-home trial stays) and 待機者 (waiting lists). A stay covers the nights [from, to):
 * `from` is the day of arrival, `to` the day of leaving, so `nights = to − from`.
 */
import type { DisabilityCategory, Gender, RoomGender, ServiceType, SpecialNeed } from './enums';
import type { AgeBand } from './requests';

export const TrialStayStatus = { Requested: 'requested', Approved: 'approved', Declined: 'declined', Cancelled: 'cancelled' } as const;
export type TrialStayStatus = (typeof TrialStayStatus)[keyof typeof TrialStayStatus];
/** The nights of a room in a month: not offered, offered and free, held by a pending request, booked. */
/** `full`: offered, but the unit's board has no available bed that night (held for an emergency, or full). */
export type TrialDayStatus = 'closed' | 'open' | 'full' | 'requested' | 'booked';

export interface NightRange {
  from: string;
  /** Exclusive: the day of leaving. */
  to: string;
}

/**
 * A person a coordinator books trial stays for. Kept minimal on purpose (display name and age band,
 * no full name or birth date): the provider meets the person at the visit; personal records belong
 * to the emergency registration ledger, which encrypts them.
 */
export interface TrialPersonFields {
  displayName: string;
  ageBand: AgeBand;
  gender: Gender;
  /** Home municipality: its trial-stay policy applies (支給決定市町村). */
  municipalityCode: string;
  categories: DisabilityCategory[];
  /** 障害支援区分 0–6. */
  supportLevel: number;
  specialNeeds: SpecialNeed[];
}

export type CreateTrialPersonRequest = TrialPersonFields;

export interface TrialPersonView extends TrialPersonFields {
  id: string;
  organisationId: string;
  createdAt: string;
}

export interface TrialPolicyView {
  municipalityCode: string;
  maxConsecutiveNights: number;
  maxNightsPerFiscalYear: number;
  /** false: the national defaults apply (no municipal setting). */
  custom: boolean;
  /** Who set the municipal limits, and when (null for the national defaults). */
  updatedAt?: string | null;
  updatedByName?: string | null;
}

export interface SetTrialPolicyRequest {
  maxConsecutiveNights: number;
  maxNightsPerFiscalYear: number;
}

/** `GET /api/trial-persons/:id/summary?fiscalYear=`: nights used against the person's policy. */
export interface TrialPersonSummary {
  person: TrialPersonView;
  policy: TrialPolicyView;
  fiscalYear: number;
  /** 令和8年度 */
  fiscalYearLabel: string;
  /** Nights of requested and approved stays in the fiscal year, at every group home. */
  used: number;
  remaining: number;
  stays: TrialStayView[];
}

export interface VisitSlotView {
  id: string;
  unitId: string;
  startsAt: string;
  /** The stay whose visit (見学) took the slot; capacity 1. */
  stayId: string | null;
}

export interface TrialOfferView {
  unitId: string;
  unitName: string;
  organisationId: string;
  organisationName: string;
  municipalityCode: string;
  houseRules: string;
  /** 持ち物 */
  whatToBring: string;
  /** Nights offered from today on, merged. */
  openings: NightRange[];
  visitSlots: VisitSlotView[];
}

export interface UpdateTrialOfferRequest {
  houseRules: string;
  whatToBring: string;
  /** Replaces every opening from today on; overlapping ranges are merged. */
  openings: NightRange[];
}

export interface CreateVisitSlotRequest {
  startsAt: string;
}

export interface TrialSearchQuery {
  prefectureCode?: string;
  regionId?: string;
  municipalityCode?: string;
  from: string;
  to: string;
  category?: DisabilityCategory;
  supportLevel?: number;
  needs?: SpecialNeed[];
  gender?: Gender;
  limit?: number;
  offset?: number;
}

/** A group-home room open and free for every night of the searched range. */
export interface TrialSearchHit {
  unitId: string;
  unitName: string;
  serviceType: ServiceType;
  organisationId: string;
  organisationName: string;
  municipalityCode: string;
  roomGender: RoomGender;
  categories: DisabilityCategory[];
  supportLevelMin: number;
  supportLevelMax: number;
  specialNeeds: SpecialNeed[];
  houseRules: string;
  whatToBring: string;
  /** 0 the searched municipality, 1 its region, 2 the prefecture. */
  distance: number;
  /** Free visit slots from now on. */
  visitSlots: VisitSlotView[];
}

export interface TrialCalendarUnit {
  unitId: string;
  unitName: string;
  days: { date: string; status: TrialDayStatus }[];
}

/** `GET /api/trial-stays/calendar?month=YYYY-MM&unitId=|organisationId=`: no personal data, open to every role. */
export interface TrialCalendarView {
  month: string;
  holidays: { date: string; name: string }[];
  units: TrialCalendarUnit[];
}

export interface CreateTrialStayRequest {
  unitId: string;
  personId: string;
  from: string;
  to: string;
  note?: string;
  visitSlotId?: string;
}

export interface TrialStayReasonRequest {
  reason: string;
}

export interface TrialStayView {
  id: string;
  status: TrialStayStatus;
  unitId: string;
  unitName: string;
  providerOrganisationId: string;
  providerOrganisationName: string;
  coordinatorOrganisationId: string;
  coordinatorOrganisationName: string;
  municipalityCode: string;
  person: { id: string; displayName: string; ageBand: AgeBand; gender: Gender };
  from: string;
  to: string;
  nights: number;
  note: string;
  /** Why it was declined or cancelled. */
  reason: string | null;
  cancelledBy: 'provider' | 'coordinator' | null;
  visitAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface TrialStayListQuery {
  status?: TrialStayStatus;
  personId?: string;
  unitId?: string;
  limit?: number;
  offset?: number;
}

/** Pushed after commit to the provider's and the coordinator's organisation rooms. */
/**
 * A stay without the person's name, the note or the reason: what live events carry (they reach
 * every connected user of both organisations, so screens refetch the full stay, which is audited).
 */
export type TrialStayNotice = Omit<TrialStayView, 'person' | 'note' | 'reason'> & { person: Omit<TrialStayView['person'], 'displayName'> };

export interface TrialStayChangedEvent {
  stay: TrialStayNotice;
  at: string;
}

/** 待機者: someone waiting for a room at a group home. */
export interface WaitingEntryView {
  id: string;
  organisationId: string;
  organisationName: string;
  unitId: string | null;
  /** null when the caller may only see the entry de-identified (another provider). */
  displayName: string | null;
  ageBand: AgeBand;
  gender: Gender;
  categories: DisabilityCategory[];
  roomGender: RoomGender;
  /** null when de-identified. */
  notes: string | null;
  waitingSince: string;
  /** The consultation centre following the person, when linked. */
  coordinatorOrganisationId: string | null;
  coordinatorOrganisationName: string | null;
  identified: boolean;
}

export interface CreateWaitingEntryRequest {
  /** The group home's provider; coordinators must name it, providers add to their own list. */
  organisationId?: string;
  unitId?: string;
  /** A coordinator's registered person (then name, age band and gender come from the person). */
  personId?: string;
  displayName?: string;
  ageBand?: AgeBand;
  gender?: Gender;
  categories?: DisabilityCategory[];
  roomGender: RoomGender;
  notes?: string;
  waitingSince: string;
}

/** A room of the caller's own that has free beds while people wait: offer it to them first. */
export interface WaitingPrompt {
  unitId: string;
  unitName: string;
  firstFreeNight: string;
  freeNights: number;
  waiting: number;
  longestWaitingSince: string;
}
