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
