/**
 * Alerts that reach a person: how a request reached each provider (notified → delivered → seen →
 * answered), acknowledgements, the on-call rota and escalations.
 */

/** How a provider organisation was told of a request. */
export const AlertChannel = {
  /** The in-app banner over the live socket. */
  InApp: 'in_app',
  /** Web Push to a subscribed device. */
  Push: 'push',
} as const;
export type AlertChannel = (typeof AlertChannel)[keyof typeof AlertChannel];

/** A provider's acknowledgement (確認しました): someone read the request, before any answer. */
export interface AlertSeen {
  at: string;
  /** Display name of who acknowledged it. */
  by: string;
}

/** What the posting coordinators see per notified provider organisation, live. */
export interface RequestReceipt {
  organisationId: string;
  organisationName: string;
  notifiedAt: string;
  channels: AlertChannel[];
  /** First time a device of the organisation received it (in-app banner shown or push received). */
  deliveredAt: string | null;
  deliveredVia: AlertChannel | null;
  seen: AlertSeen | null;
  answer: 'offer' | 'declined' | null;
  answeredAt: string | null;
}

export interface RequestReceiptsEvent {
  requestId: string;
}

export interface MarkDelivered {
  channel: AlertChannel;
}

// ---- on-call rota (当番表) ----

export const RotaOwnerKind = {
  /** A consultation centre's own rota. */
  Organisation: 'organisation',
  /** The region's (圏域) rota, the next step of an escalation. */
  Region: 'region',
} as const;
export type RotaOwnerKind = (typeof RotaOwnerKind)[keyof typeof RotaOwnerKind];

export const RotaShift = { Day: 'day', Night: 'night' } as const;
export type RotaShift = (typeof RotaShift)[keyof typeof RotaShift];

export interface RotaSlot {
  /** 0 = Sunday … 6 = Saturday, 7 = public holidays (祝日). */
  weekday: number;
  shift: RotaShift;
  userId: string;
}

export interface RotaHolderView {
  userId: string | null;
  name: string | null;
  /** exception: changed for this date; holiday: the 祝日 row; weekly: the weekday's row. */
  source: 'exception' | 'holiday' | 'weekly' | null;
}

export interface RotaDayView {
  date: string;
  weekday: number;
  holiday: string | null;
  day: RotaHolderView;
  night: RotaHolderView;
}

export interface RotaView {
  ownerKind: RotaOwnerKind;
  ownerId: string;
  ownerName: string;
  /** The on-call phone (携帯) handed over at each shift change. */
  phone: string;
  /** `HH:MM`, Japan time. */
  dayStarts: string;
  nightStarts: string;
  pattern: RotaSlot[];
  /** Who may hold the phone. */
  candidates: { userId: string; name: string }[];
  calendar: RotaDayView[];
}

export interface UpdateRota {
  phone: string;
  dayStarts: string;
  nightStarts: string;
  pattern: RotaSlot[];
}

export interface SetRotaException {
  /** null: back to the weekly pattern. */
  userId: string | null;
}

/** Who holds the on-call phone now: shown to providers on every request card so they can call back. */
export interface OnCallView {
  ownerKind: RotaOwnerKind;
  ownerName: string;
  name: string;
  phone: string;
  shift: RotaShift;
}

// ---- escalation ----

export const EscalationStep = {
  /** A matched provider organisation has not acknowledged in time: its staff are told again, each one. */
  Unseen: 'unseen',
  /** No offer in time: the posting centre's on-call coordinator. */
  NoOfferCentre: 'no_offer_centre',
  /** Still no offer: the region's on-call coordinator. */
  NoOfferRegion: 'no_offer_region',
  /** The request became unplaced: the posting centre's on-call coordinator, then the region's. */
  UnplacedCentre: 'unplaced_centre',
  UnplacedRegion: 'unplaced_region',
} as const;
export type EscalationStep = (typeof EscalationStep)[keyof typeof EscalationStep];

export interface EscalationView {
  id: string;
  step: EscalationStep;
  /** The provider (unseen) or the posting centre. */
  organisationName: string;
  dueAt: string;
  state: 'armed' | 'fired' | 'cancelled';
  firedAt: string | null;
  /** Who was told (display names). */
  notified: string[];
}

/** What an alert addressed to a person is about. */
export const AlertKind = {
  /** Escalation of a request (unseen, no offer, unplaced) to provider staff or the on-call coordinator. */
  Escalation: 'escalation',
  /** 緊急の相談があります, to the on-call coordinator of the provider's area. */
  UrgentContact: 'urgent_contact',
  /** To the poster: a provider offered a bed for the request. */
  Offer: 'offer',
  /** To the poster: an offer's hold lapses soon unless it is confirmed. */
  HoldExpiring: 'hold_expiring',
  /** To the poster: the request found no bed at any scope. */
  Unplaced: 'unplaced',
  /** To the group home's staff: a trial stay was requested. */
  TrialRequested: 'trial_requested',
  /** To the coordinator who booked it: the trial stay was approved or declined. */
  TrialDecided: 'trial_decided',
} as const;
export type AlertKind = (typeof AlertKind)[keyof typeof AlertKind];

/** One alert addressed to a person (in-app over the event stream, by push too when subscribed). */
export interface AlertNotification {
  id: string;
  kind: AlertKind;
  requestId: string | null;
  /** De-identified, ready to show (also the push text). */
  text: string;
  /** Where tapping it leads, an app path. */
  url: string;
  /** An urgent contact to acknowledge (coordinators). */
  contactId?: string | null;
  /** Wakes a sleeping phone (Web Push Urgency high) and stays on screen until tapped. */
  urgent: boolean;
  createdAt: string;
}

export interface AlertNotificationEvent {
  notification: AlertNotification;
}

// ---- Web Push ----

/** One of a user's devices that receive Web Push. */
export interface PushDevice {
  id: string;
  label: string;
  createdAt: string;
  lastSentAt: string | null;
}

/** The browser's PushSubscription (toJSON()) and a name for the device. */
export interface SubscribePush {
  endpoint: string;
  keys: { p256dh: string; auth: string };
  label: string;
}

// ---- urgent contact (緊急の相談があります) ----

export interface RaiseUrgentContact {
  /** Short and de-identified: no names, no addresses (max 200 characters). */
  summary: string;
}

// ---- escalation delays (per region) ----

/** A region's escalation delays in minutes; null: the deployment's default. */
export interface EscalationDelays {
  regionId: string;
  regionName: string;
  unseenMinutes: number | null;
  noOfferMinutes: number | null;
  /** The defaults in force where the region sets none. */
  defaults: { unseenMinutes: number; noOfferMinutes: number };
  /** The last change: when, and by whom (null: never changed). */
  updatedAt: string | null;
  updatedByName: string | null;
}

export interface UpdateEscalationDelays {
  unseenMinutes: number | null;
  noOfferMinutes: number | null;
}

export interface UrgentContactView {
  id: string;
  organisationName: string;
  summary: string;
  createdAt: string;
  /** The on-call coordinators told (display names). */
  notified: string[];
  acknowledged: { at: string; by: string } | null;
}
