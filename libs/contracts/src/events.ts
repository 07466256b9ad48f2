/**
 * The typed socket.io contract, used as Server<ClientToServerEvents, ServerToClientEvents> by the
 * API and Socket<ServerToClientEvents, ClientToServerEvents> by the web. Event names live only here.
 */
import type { AlertNotificationEvent, RequestReceiptsEvent } from './alerts';
import type { SessionEndReason } from './auth';
import type { ApiErrorBody } from './errors';
import type { InboxUpdatedEvent, RequestReceivedEvent, RequestUnplacedEvent, RequestUpdatedEvent } from './requests';
import type { TrialStayChangedEvent } from './trial-stays';
import type { UnitChangedEvent, VacancyChangedEvent, VacancySubscription } from './vacancies';

export interface ServerToClientEvents {
  /** Sent once after the handshake is accepted. */
  'session:ready': (payload: { userId: string; organisationId: string; role: string }) => void;
  /**
   * The session ended (logout, deactivation, refresh-token reuse…) and the server disconnects the
   * socket right after; or, with `token_expired`, the socket's access token expired without a
   * `session:reauthenticate`: reconnect with a fresh token.
   */
  'session:ended': (payload: { reason: SessionEndReason }) => void;
  /** Any failure of a client event that had no ack. */
  'error:event': (payload: ApiErrorBody) => void;
  /** This instance is shutting down: reconnect (to another instance) now; the transport closes shortly. */
  'server:draining': (payload: { reconnectInMs: number }) => void;
  'vacancy:changed': (payload: VacancyChangedEvent) => void;
  'unit:changed': (payload: UnitChangedEvent) => void;
  /** Emergency requests: to matched providers' organisation rooms. */
  'request:received': (payload: RequestReceivedEvent) => void;
  'inbox:updated': (payload: InboxUpdatedEvent) => void;
  /** Emergency requests: to the posting organisation's room. */
  'request:updated': (payload: RequestUpdatedEvent) => void;
  'request:unplaced': (payload: RequestUnplacedEvent) => void;
  /** Alerts: a provider's delivery or acknowledgement of a request changed, to the posting coordinators' user rooms. */
  'request:receipts': (payload: RequestReceiptsEvent) => void;
  /** Alerts addressed to one person (escalations, urgent contacts), to that user's room. */
  'alert:notification': (payload: AlertNotificationEvent) => void;
  /** Trial stays: to the provider's and the booking coordinator's organisation rooms, after commit. */
  'trial-stay:changed': (payload: TrialStayChangedEvent) => void;
}

/** Acknowledgement of a client event: ok, or the error body. */
export type Ack<T = undefined> = (result: { ok: true; data?: T } | { ok: false; error: ApiErrorBody }) => void;

export interface ClientToServerEvents {
  ping: (ack: (payload: { at: string }) => void) => void;
  /** A fresh access token of the same session (after a refresh): keeps the socket open past the old token's expiry. */
  'session:reauthenticate': (accessToken: string, ack: Ack<{ expiresAt: string }>) => void;
  /** A board's area: replaces the socket's previous vacancy subscription. */
  'vacancies:subscribe': (area: VacancySubscription, ack: Ack<{ rooms: string[] }>) => void;
  'vacancies:unsubscribe': (ack: Ack) => void;
}

/** Room names, so every emit reaches only those it concerns. */
export const Rooms = {
  user: (userId: string) => `user:${userId}`,
  /** Every socket of one login session: ended together when the session is revoked. */
  session: (sessionId: string) => `session:${sessionId}`,
  organisation: (organisationId: string) => `org:${organisationId}`,
  prefecture: (code: string) => `area:pref:${code}`,
  region: (id: string) => `area:region:${id}`,
  municipality: (code: string) => `area:muni:${code}`,
} as const;
