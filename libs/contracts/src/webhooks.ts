/**
 * Webhooks (issue 15): an organisation's administrator registers an HTTPS endpoint that is told of
 * every vacancy change in one area. Deliveries come from the durable event stream (the outbox), are
 * signed, retried with backoff, and the endpoint is disabled after repeated failures.
 */

/** Headers of every delivery. */
export const WEBHOOK_HEADERS = {
  /** `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>` */
  signature: 'akiwa-signature',
  /** The delivery's id: the same on every retry of it (deduplicate on it). */
  delivery: 'akiwa-delivery',
  event: 'akiwa-event',
} as const;

export const WEBHOOK_EVENT_TYPES = ['vacancy.changed'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/** The area an endpoint follows: exactly one of the three. */
export interface WebhookArea {
  prefectureCode?: string;
  regionId?: string;
  municipalityCode?: string;
}

/** `POST /api/admin/webhooks` */
export interface CreateWebhookRequest extends WebhookArea {
  url: string;
  /** What the endpoint is for, e.g. 「県 医療情報システム」. */
  name?: string;
}

export interface WebhookEndpointView {
  id: string;
  organisationId: string;
  url: string;
  name: string;
  area: WebhookArea;
  createdAt: string;
  /** Failed attempts since the last success; the endpoint is disabled when it reaches the configured limit. */
  consecutiveFailures: number;
  lastError: string | null;
  lastFailureAt: string | null;
  lastSuccessAt: string | null;
  /** Set when deliveries stopped after repeated failures; `POST …/enable` resumes them. */
  disabledAt: string | null;
}

/** The answer to a registration: the only time the signing secret is shown. */
export interface CreatedWebhookEndpoint extends WebhookEndpointView {
  secret: string;
}

export interface WebhookDeliveryView {
  id: string;
  eventId: number;
  event: WebhookEventType;
  status: WebhookDeliveryStatus;
  attempts: number;
  createdAt: string;
  lastAttemptAt: string | null;
  nextAttemptAt: string | null;
  lastStatus: number | null;
  lastError: string | null;
  deliveredAt: string | null;
}

/** The JSON body of a delivery. `data` is the event as the boards receive it (`vacancy:changed`). */
export interface WebhookPayload<T = unknown> {
  /** The delivery id (also the `Akiwa-Delivery` header). */
  id: string;
  type: WebhookEventType;
  /** Position in the event stream: increases with every change (order deliveries by it). */
  eventId: number;
  createdAt: string;
  data: T;
}
