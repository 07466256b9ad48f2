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

/**
 * Every durable event (written to the outbox in the transaction of its change) carries its id: the
 * position in the one ordered event stream. A client keeps the last id it saw and, on reconnecting
 * (handshake `auth.lastEventId`), asks `events:replay` for what it missed in its rooms.
 */
export interface Durable {
  eventId: number;
}

/**
 * The events delivered through the outbox (with replay); every other server event is transient.
 * `session:ended` goes through the outbox so that every instance's relay tells and disconnects its
 * own sockets of the ended session without Redis; it is never replayed in practice, since a socket of
 * an ended session is refused at its next handshake (and the per-socket `token_expired` one is transient).
 */
export const DURABLE_EVENTS = [
  'vacancy:changed',
  'unit:changed',
  'request:received',
  'inbox:updated',
  'request:updated',
  'request:unplaced',
  'trial-stay:changed',
  'request:receipts',
  'alert:notification',
  'session:ended',
] as const;
export type DurableEvent = (typeof DURABLE_EVENTS)[number];

/** Answer of `events:replay`: the missed events were sent before it, in order; `reset`: refetch everything. */
export interface ReplayResult {
  lastEventId: number;
  replayed: number;
  reset: boolean;
}

export interface ServerToClientEvents {
  /** Sent once after the handshake is accepted; `lastEventId`: where this instance's stream stands. */
  'session:ready': (payload: { userId: string; organisationId: string; role: string; lastEventId: number }) => void;
  /**
   * The session ended (logout, deactivation, refresh-token reuse…) and the server disconnects the
   * socket right after; or, with `token_expired`, the socket's access token expired without a
   * `session:reauthenticate`: reconnect with a fresh token.
   */
  'session:ended': (payload: { reason: SessionEndReason } & Partial<Durable>) => void;
  /** Any failure of a client event that had no ack. */
  'error:event': (payload: ApiErrorBody) => void;
  /** This instance is shutting down: reconnect (to another instance) now; the transport closes shortly. */
  'server:draining': (payload: { reconnectInMs: number }) => void;
  'vacancy:changed': (payload: VacancyChangedEvent & Durable) => void;
  'unit:changed': (payload: UnitChangedEvent & Durable) => void;
  /** Emergency requests: to matched providers' organisation rooms. */
  'request:received': (payload: RequestReceivedEvent & Durable) => void;
  'inbox:updated': (payload: InboxUpdatedEvent & Durable) => void;
  /** Emergency requests: to the posting organisation's room. */
  'request:updated': (payload: RequestUpdatedEvent & Durable) => void;
  'request:unplaced': (payload: RequestUnplacedEvent & Durable) => void;
  /** Alerts: a provider's delivery or acknowledgement of a request changed, to the posting coordinators' user rooms. */
  'request:receipts': (payload: RequestReceiptsEvent & Durable) => void;
  /** Alerts addressed to one person (escalations, urgent contacts, the poster's offers…), to that user's room; also what Web Push sends. */
  'alert:notification': (payload: AlertNotificationEvent & Durable) => void;
  /** Trial stays: to the provider's and the booking coordinator's organisation rooms, after commit. */
  'trial-stay:changed': (payload: TrialStayChangedEvent & Durable) => void;
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
  /**
   * After (re)connecting with `auth.lastEventId` and (re)joining its areas: sends every durable event
   * after `after` that the socket's rooms are entitled to now, in order, then the live ones held back
   * meanwhile, then answers. Live events are held back from the handshake until this answer.
   */
  'events:replay': (request: { after: number }, ack: Ack<ReplayResult>) => void;
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
