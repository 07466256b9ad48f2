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
