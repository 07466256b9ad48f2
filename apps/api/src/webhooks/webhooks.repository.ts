import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { WebhookDeliveryStatus, WebhookEventType } from '@akiwa/contracts';
import { returning } from '../database/sql';

export interface EndpointRecord {
  id: string;
  organisationId: string;
  url: string;
  name: string;
  prefectureCode: string | null;
  regionId: string | null;
  municipalityCode: string | null;
  createdAt: Date;
  consecutiveFailures: number;
  lastError: string | null;
  lastFailureAt: Date | null;
  lastSuccessAt: Date | null;
  disabledAt: Date | null;
}

export interface DeliveryRecord {
  id: string;
  eventId: number;
  event: WebhookEventType;
  status: WebhookDeliveryStatus;
  attempts: number;
  createdAt: Date;
  lastAttemptAt: Date | null;
  nextAttemptAt: Date | null;
  lastStatus: number | null;
  lastError: string | null;
  deliveredAt: Date | null;
}

/** A delivery claimed for one attempt, with what sending it needs. */
export interface ClaimedDelivery {
  id: string;
  endpointId: string;
  url: string;
  secret: Buffer;
  eventId: number;
  event: WebhookEventType;
  payload: unknown;
  createdAt: Date;
  attempts: number;
}

/** Outbox events fanned out to webhooks, and their names on the wire. */
const EVENT_TYPES: Record<string, WebhookEventType> = { 'vacancy:changed': 'vacancy.changed' };
/** The outbox events webhooks send. */
export const WEBHOOK_EVENTS = Object.keys(EVENT_TYPES);

const ENDPOINT = `id, organisation_id AS "organisationId", url, name, prefecture_code AS "prefectureCode", region_id AS "regionId",
  municipality_code AS "municipalityCode", created_at AS "createdAt", consecutive_failures AS "consecutiveFailures", last_error AS "lastError",
  last_failure_at AS "lastFailureAt", last_success_at AS "lastSuccessAt", disabled_at AS "disabledAt"`;

/** The SQL of webhooks: endpoints, the fan-out cursor and the deliveries (migration Webhooks1765870000000). */
@Injectable()
export class WebhooksRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  async insert(
    tx: EntityManager,
    e: { id: string; organisationId: string; url: string; name: string; prefectureCode?: string; regionId?: string; municipalityCode?: string; room: string; secret: Buffer; createdAt: Date; createdBy: string },
  ): Promise<EndpointRecord> {
    const [row] = await tx.query(
      `INSERT INTO webhook_endpoints(id, organisation_id, url, name, prefecture_code, region_id, municipality_code, room, secret, created_at, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING ${ENDPOINT}`,
      [e.id, e.organisationId, e.url, e.name, e.prefectureCode ?? null, e.regionId ?? null, e.municipalityCode ?? null, e.room, e.secret, e.createdAt, e.createdBy],
    );
    return row;
  }

  list(organisationId: string): Promise<EndpointRecord[]> {
    return this.db.query(`SELECT ${ENDPOINT} FROM webhook_endpoints WHERE organisation_id = $1 ORDER BY created_at, id`, [organisationId]);
  }

  /** One endpoint of this organisation (null for another organisation's: indistinguishable from none). */
  async get(organisationId: string, id: string): Promise<EndpointRecord | null> {
    const [row] = await this.db.query(`SELECT ${ENDPOINT} FROM webhook_endpoints WHERE id = $1 AND organisation_id = $2`, [id, organisationId]);
    return row ?? null;
  }

  async delete(tx: EntityManager, organisationId: string, id: string): Promise<boolean> {
    return (await returning(tx, `DELETE FROM webhook_endpoints WHERE id = $1 AND organisation_id = $2 RETURNING id`, [id, organisationId])).length > 0;
  }

  /** Resumes a disabled endpoint: its failure count starts again; deliveries still pending are retried from now. */
  async enable(tx: EntityManager, organisationId: string, id: string, now: Date): Promise<boolean> {
    const rows = await returning(
      tx,
      `UPDATE webhook_endpoints SET disabled_at = NULL, consecutive_failures = 0 WHERE id = $1 AND organisation_id = $2 AND disabled_at IS NOT NULL RETURNING id`,
      [id, organisationId],
    );
    if (rows.length) await tx.query(`UPDATE webhook_deliveries SET next_attempt_at = $2 WHERE endpoint_id = $1 AND status = 'pending'`, [id, now]);
    return rows.length > 0;
  }

  deliveries(endpointId: string, limit: number): Promise<DeliveryRecord[]> {
    return this.db.query(
      `SELECT id, event_position::float8 AS "eventId", event, status, attempts, created_at AS "createdAt", last_attempt_at AS "lastAttemptAt",
              next_attempt_at AS "nextAttemptAt", last_status AS "lastStatus", last_error AS "lastError", delivered_at AS "deliveredAt"
       FROM webhook_deliveries WHERE endpoint_id = $1 ORDER BY event_position DESC LIMIT $2`,
      [endpointId, limit],
    );
  }

  /**
   * Fans the next committed events out into deliveries, one row per live endpoint whose area room the
   * event was sent to, and moves the cursor in the same transaction: exactly once per (endpoint,
   * event) whatever crashes. The cursor row is taken with SKIP LOCKED: while one instance fans out,
   * the others skip (they would only wait for it). Returns how many events were read (0 also when
   * another instance holds the cursor).
   */
  async fanOut(now: Date, batch: number): Promise<number> {
    return this.db.transaction(async (tx) => {
      const [cursor] = await tx.query(`SELECT position::float8 AS position FROM webhook_cursor FOR UPDATE SKIP LOCKED`);
      if (!cursor) return 0;
      // the head is read in the statement's snapshot: positions become visible strictly in order, so none below it can appear later
      const [r] = await tx.query(
        `WITH head AS (SELECT coalesce(max(position), 0)::float8 AS head FROM outbox_events),
              ev AS (
                SELECT o.position, o.event, o.rooms, o.payload FROM outbox_events o, head
                WHERE o.position > $1 AND o.position <= head.head AND o.event = ANY($2::text[]) ORDER BY o.position LIMIT $3
              ),
              made AS (
                INSERT INTO webhook_deliveries(endpoint_id, event_position, event, payload, created_at, next_attempt_at)
                SELECT e.id, ev.position, ($4::jsonb ->> ev.event), ev.payload, $5, $5
                FROM ev JOIN webhook_endpoints e ON e.room = ANY(ev.rooms) AND e.disabled_at IS NULL
                ON CONFLICT (endpoint_id, event_position) DO NOTHING RETURNING 1
              )
         SELECT (SELECT head FROM head) AS head, (SELECT count(*)::int FROM ev) AS read, (SELECT max(position)::float8 FROM ev) AS last,
                (SELECT count(*)::int FROM made) AS made`,
        [cursor.position, WEBHOOK_EVENTS, batch, JSON.stringify(EVENT_TYPES), now],
      );
      const through = r.read === batch ? r.last : Math.max(r.head, cursor.position);
      await tx.query(`UPDATE webhook_cursor SET position = greatest(position, $1)`, [through]);
      return r.read;
    });
  }

  /**
   * Claims due deliveries of live endpoints for one attempt each (SKIP LOCKED: two instances never
   * take the same one). The attempt is counted and the delivery rescheduled to `leaseUntil` in the
   * claim itself, so a delivery whose sender dies mid-request is tried again after the lease (at least
   * once, with the same delivery id), never lost.
   */
  claimDue(now: Date, leaseUntil: Date, limit: number): Promise<ClaimedDelivery[]> {
    return returning<ClaimedDelivery>(
      this.db,
      `UPDATE webhook_deliveries d SET attempts = d.attempts + 1, last_attempt_at = $1, next_attempt_at = $2
       FROM (SELECT d.id FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
             WHERE d.status = 'pending' AND d.next_attempt_at <= $1 AND e.disabled_at IS NULL
             ORDER BY d.next_attempt_at, d.event_position LIMIT $3 FOR UPDATE OF d SKIP LOCKED) due, webhook_endpoints e
       WHERE d.id = due.id AND e.id = d.endpoint_id
       RETURNING d.id, d.endpoint_id AS "endpointId", e.url, e.secret, d.event_position::float8 AS "eventId", d.event, d.payload,
                 d.created_at AS "createdAt", d.attempts`,
      [now, leaseUntil, limit],
    );
  }

  async pendingCount(): Promise<number> {
    const [{ n }] = await this.db.query(`SELECT count(*)::int AS n FROM webhook_deliveries WHERE status = 'pending'`);
    return n;
  }

  /** Deletes finished deliveries (delivered or given up) created before `before`; pending ones stay whatever their age. */
  async prune(before: Date): Promise<number> {
    return (await returning(this.db, `DELETE FROM webhook_deliveries WHERE status <> 'pending' AND created_at < $1 RETURNING 1`, [before])).length;
  }

  async delivered(id: string, endpointId: string, status: number, now: Date): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query(
        `UPDATE webhook_deliveries SET status = 'delivered', delivered_at = $2, last_status = $3, last_error = NULL, next_attempt_at = NULL WHERE id = $1 AND status = 'pending'`,
        [id, now, status],
      );
      await tx.query(`UPDATE webhook_endpoints SET consecutive_failures = 0, last_success_at = $2 WHERE id = $1`, [endpointId, now]);
    });
  }

  /**
   * Records a failed attempt: the delivery is retried at `retryAt` (given up when null), and the
   * endpoint is disabled once `disableAfter` attempts in a row have failed. Returns whether this
   * failure disabled it.
   */
  async failed(id: string, endpointId: string, f: { status: number | null; error: string; now: Date; retryAt: Date | null; disableAfter: number }): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      await tx.query(
        `UPDATE webhook_deliveries SET last_status = $2, last_error = $3, status = CASE WHEN $4::timestamptz IS NULL THEN 'failed' ELSE status END, next_attempt_at = $4
         WHERE id = $1 AND status = 'pending'`,
        [id, f.status, f.error, f.retryAt],
      );
      const [e] = await returning<{ disabled: boolean }>(
        tx,
        `UPDATE webhook_endpoints SET consecutive_failures = consecutive_failures + 1, last_error = $2, last_failure_at = $3,
           disabled_at = CASE WHEN disabled_at IS NULL AND consecutive_failures + 1 >= $4 THEN $3 ELSE disabled_at END
         WHERE id = $1 RETURNING disabled_at = $3 AS disabled`,
        [endpointId, f.error, f.now, f.disableAfter],
      );
      return e?.disabled ?? false;
    });
  }
}
