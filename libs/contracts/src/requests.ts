import type { AlertSeen } from './alerts';
import type { GrantedDaysStatus } from './ledger';
import type { DisabilityCategory, Gender, SpecialNeed, Urgency } from './enums';

/** 年齢帯: the only age a provider sees before confirmation. */
export const AgeBand = {
  Under6: '0-5',
  Age6to11: '6-11',
  Age12to17: '12-17',
  Age18to29: '18-29',
  Age30to49: '30-49',
  Age50to64: '50-64',
  Age65Plus: '65+',
} as const;
export type AgeBand = (typeof AgeBand)[keyof typeof AgeBand];

export const MatchScope = { Municipality: 'municipality', Region: 'region', Prefecture: 'prefecture' } as const;
export type MatchScope = (typeof MatchScope)[keyof typeof MatchScope];

/** The de-identified needs every matched provider sees. */
export interface RequestNeeds {
  ageBand: AgeBand;
  gender: Gender;
  categories: DisabilityCategory[];
  child: boolean;
  /** 障害支援区分 0 (非該当) – 6, or null: 不明 (unknown) — then only units taking every level match. */
  supportLevel: number | null;
  specialNeeds: SpecialNeed[];
}

/** Personal details: encrypted at rest, shown only to the posting coordinators and, after confirmation, the placed provider. */
export interface PersonDetails {
  name: string;
  nameKana?: string;
  birthDate?: string;
  address?: string;
  phone?: string;
  emergencyContact?: string;
  /** 本人の意向 (意思決定支援): what the person wants. */
  wishes?: string;
  medicalNotes?: string;
}

export interface CreateEmergencyRequest {
  needs: RequestNeeds;
  /** The person's home municipality (5 digits; a ward's code is fine). */
  municipalityCode: string;
  from: string;
  nights: number;
  urgency: Urgency;
  /** What happened — coordinators only. */
  situation: string;
  /** The provider the person already has a contract with (step ③), tried first. */
  contractedOrganisationId?: string;
  person?: PersonDetails;
  /**
   * Made from the registrant ledger (issue 13): the request refers to the registered person and,
   * unless `person` is given, carries the registration's details for the confirmed provider (step ⑧).
   */
  registrationId?: string;
}

export const RequestStatus = { Open: 'open', Placed: 'placed', Unplaced: 'unplaced', Cancelled: 'cancelled' } as const;
export type RequestStatus = (typeof RequestStatus)[keyof typeof RequestStatus];
export const OfferStatus = { Held: 'held', Confirmed: 'confirmed', Expired: 'expired', Withdrawn: 'withdrawn', Released: 'released' } as const;
export type OfferStatus = (typeof OfferStatus)[keyof typeof OfferStatus];

export const DeclineReason = {
  Full: 'full', // 満床
  MedicalCare: 'medical_care', // 医療的ケア対応不可
  Staffing: 'staffing', // 職員体制
  Gender: 'gender', // 性別
  Other: 'other', // その他
} as const;
export type DeclineReason = (typeof DeclineReason)[keyof typeof DeclineReason];

export interface FilterExclusionView {
  filter: 'emergency' | 'paused' | 'category' | 'child' | 'support_level' | 'special_needs' | 'room_gender' | 'night' | 'vacancy';
  units: number;
  providers: number;
  message: { ja: string; en: string };
}

export interface OfferView {
  id: string;
  requestId: string;
  organisationId: string;
  organisationName: string;
  unitId: string;
  unitName: string;
  municipalityCode: string;
  distance: number;
  status: OfferStatus;
  /** When an unconfirmed hold lapses by itself. */
  expiresAt: string;
  createdAt: string;
  contact24h: string;
  /** Why an offer ended without being the placement (shown to the provider as 「他の事業所で決定しました」 etc.). */
  closedReason: OfferClosedReason | null;
}

/** released because another provider was confirmed / the request was cancelled; expired (確保期限); withdrawn by the provider. */
export type OfferClosedReason = 'placed_elsewhere' | 'cancelled' | 'expired' | 'withdrawn';

/** One provider told about a request: who, at which widening level, how, when, and its answer. */
export interface RecipientView {
  organisationId: string;
  organisationName: string;
  /** 契約先: the provider the person has a contract with, asked first even when its board shows full. */
  contracted: boolean;
  scope: MatchScope;
  /** How it was told: `app` = pushed to the provider's screens (inbox and notification). */
  channel: 'app';
  notifiedAt: string;
  /** Until when its answer is awaited: the request is never unplaced before every answer or this time. */
  answerBy: string;
  answer: { kind: 'offer'; at: string } | { kind: 'declined'; at: string; reason: DeclineReason } | null;
}

export interface TimelineEntry {
  id: string;
  at: string;
  kind:
    | 'posted'
    | 'matched'
    | 'widened'
    | 'waiting'
    | 'offer'
    | 'declined'
    | 'offer_withdrawn'
    | 'offer_expired'
    | 'confirmed'
    | 'cancelled'
    | 'unplaced'
    | 'note'
    | 'follow_up'
    | 'person_updated'
    | 'seen'
    | 'escalated';
  /** Who did it (display name), when a person did. */
  actor?: string;
  text: { ja: string; en: string };
  /**
   * Its free text (a note, a decline note: personal data) is left out of `text`: set in socket
   * pushes, which are not audited reads. GET the request to read it.
   */
  withheld?: true;
}

/** What the posting coordinators see. */
export interface EmergencyRequestView {
  id: string;
  organisationId: string;
  status: RequestStatus;
  urgency: Urgency;
  needs: RequestNeeds;
  municipalityCode: string;
  from: string;
  nights: number;
  scope: MatchScope;
  /** While open: when it widens by itself if nobody holds a bed; at the prefecture, when it becomes unplaced. Null once closed. */
  widensAt: string | null;
  /** What happened to the person (personal data): null in socket pushes; GET the request to read it (audited). */
  situation: string | null;
  contractedOrganisationId: string | null;
  person: PersonDetails | null;
  matchedProviders: number;
  /** Every provider told, contracted first, then in the order they were told, with their answers. */
  recipients: RecipientView[];
  exclusions: FilterExclusionView[];
  offers: OfferView[];
  placement: OfferView | null;
  /** 支給量: for a request made from a registration with granted days, this stay against the person's other placements; else null. */
  grantedDays: GrantedDaysStatus | null;
  followUpOn: string | null;
  timeline: TimelineEntry[];
  createdAt: string;
}

export interface EmergencyRequestSummary {
  id: string;
  status: RequestStatus;
  urgency: Urgency;
  needs: RequestNeeds;
  municipalityCode: string;
  from: string;
  nights: number;
  scope: MatchScope;
  offers: number;
  createdAt: string;
}

/** What a matched provider sees in its inbox: de-identified until it is the confirmed placement. */
export interface InboxItem {
  requestId: string;
  status: RequestStatus;
  urgency: Urgency;
  needs: RequestNeeds;
  /** The person's municipality (area only). */
  municipalityCode: string;
  from: string;
  nights: number;
  /** Units of this provider that match. */
  matchingUnits: { id: string; name: string }[];
  /** This provider's own response, if any. */
  response: { kind: 'offer'; offer: OfferView } | { kind: 'declined'; reason: DeclineReason; /** Encrypted at rest; null in socket pushes (GET the inbox to read it, audited). */ note: string | null } | null;
  /** Only in `GET /api/inbox/:requestId`, once this provider is the confirmed placement (every read is audited); null in lists and pushes. */
  person: PersonDetails | null;
  postingOrganisationName: string;
  /** The posting centre's phone number, to call back. */
  postingOrganisationPhone: string;
  /** 契約先: this provider has a contract with the person and is asked first, even when its board shows full. */
  contracted: boolean;
  receivedAt: string;
  /** This provider's acknowledgement (確認しました), when given (absent in pushes built in memory). */
  seen?: AlertSeen | null;
}

export interface AcceptRequest {
  unitId: string;
}

export interface DeclineRequest {
  reason: DeclineReason;
  note?: string;
}

export interface ConfirmOfferRequest {
  offerId: string;
}

export interface AddNoteRequest {
  text: string;
}

/** Adds or corrects the person's identity (unregistered person flow) on an open or placed request. */
export interface UpdatePersonRequest {
  person: PersonDetails;
}

export interface SetFollowUpRequest {
  followUpOn: string;
}

/** Pushed to each newly matched provider's organisation room. */
export interface RequestReceivedEvent {
  item: InboxItem;
}

/**
 * Pushed to the posting organisation's coordinators (their user rooms) on every change. No personal
 * data: `person` and `situation` are null and timeline notes are `withheld`; GET the request to read them (audited).
 */
export interface RequestUpdatedEvent {
  request: EmergencyRequestView;
}

/** Pushed to a provider when its offer or the request it saw changes (withdrawn, expired, placed elsewhere, cancelled). */
export interface InboxUpdatedEvent {
  item: InboxItem;
}

/** Pushed to every coordinator of the posting organisation (their user rooms) when even the prefecture yields no acceptance. */
export interface RequestUnplacedEvent {
  requestId: string;
  exclusions: FilterExclusionView[];
}
