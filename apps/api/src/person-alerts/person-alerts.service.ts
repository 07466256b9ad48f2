import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Rooms, type AlertKind, type AlertNotification } from '@akiwa/contracts';
import { requestAlertText, serviceNight, type AlertTextInput } from '@akiwa/domain';
import { EventOutbox } from '../events/event-outbox.service';

/** An alert to write: de-identified text only (it is also what a locked phone shows). */
export interface NewPersonAlert {
  userId: string;
  kind: AlertKind;
  requestId?: string | null;
  escalationId?: string | null;
  contactId?: string | null;
  text: string;
  url: string;
}

/** Whether an alert wakes a sleeping phone (Web Push Urgency high, kept on screen): everything about an emergency; trial stays can wait for the morning. */
export const isUrgentAlert = (kind: AlertKind): boolean => kind !== 'trial_requested' && kind !== 'trial_decided';

/**
 * Alerts addressed to people, written in the transaction of the change that causes them: a row in
 * `alert_notifications` (what was told to whom) and an `alert:notification` event in the outbox to
 * the person's own room. The event exists exactly when the change committed; the relay shows it
 * in-app (replayed after a reconnect), and the push dispatcher (PushDispatcher) sends it by Web Push.
 * An escalation alert is written once per (escalation, person): a repeat is skipped, not re-sent.
 */
@Injectable()
export class PersonAlerts {
  constructor(private readonly outbox: EventOutbox) {}

  async add(tx: EntityManager, alerts: NewPersonAlert[], now: Date): Promise<AlertNotification[]> {
    if (!alerts.length) return [];
    const rows: (Omit<AlertNotification, 'createdAt' | 'urgent'> & { userId: string; createdAt: Date })[] = await tx.query(
      `INSERT INTO alert_notifications(user_id, kind, request_id, escalation_id, contact_id, text, url, created_at)
       SELECT u, k, r, x, c, t, l, $8 FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::bigint[], $5::uuid[], $6::text[], $7::text[]) AS v(u, k, r, x, c, t, l)
       ON CONFLICT (escalation_id, user_id) DO NOTHING
       RETURNING id::text AS id, user_id AS "userId", kind, request_id AS "requestId", contact_id AS "contactId", text, url, created_at AS "createdAt"`,
      [
        alerts.map((a) => a.userId),
        alerts.map((a) => a.kind),
        alerts.map((a) => a.requestId ?? null),
        alerts.map((a) => a.escalationId ?? null),
        alerts.map((a) => a.contactId ?? null),
        alerts.map((a) => a.text),
        alerts.map((a) => a.url),
        now,
      ],
    );
    const written = rows.map(({ userId, createdAt, ...rest }) => ({
      userId,
      notification: { ...rest, urgent: isUrgentAlert(rest.kind), createdAt: createdAt.toISOString() },
    }));
    await this.outbox.appendAll(
      tx,
      written.map((w) => ({ rooms: [Rooms.user(w.userId)], event: 'alert:notification' as const, payload: { notification: w.notification } })),
    );
    return written.map((w) => w.notification);
  }

  /** The request's one-line de-identified summary (「宇城市で緊急受入依頼：知的・区分5・今夜から3泊」): area and needs only. */
  async requestSummary(tx: EntityManager, requestId: string, now: Date): Promise<string> {
    const [row]: (AlertTextInput & { cutoff: number })[] = await tx.query(
      `SELECT m.name AS "municipalityName", e.urgency, e.categories, e.support_level AS "supportLevel", e.from_night::text AS "from", e.nights,
              r.night_cutoff_minutes AS cutoff
       FROM emergency_requests e JOIN municipalities m ON m.code = e.municipality_code LEFT JOIN regions r ON r.id = m.region_id WHERE e.id = $1`,
      [requestId],
    );
    return requestAlertText(row, serviceNight(now, row.cutoff ?? undefined));
  }

  /** The coordinator who posted the request, if still active ("a request I posted"). */
  async poster(tx: EntityManager, requestId: string): Promise<string[]> {
    const rows: { id: string }[] = await tx.query(`SELECT u.id FROM emergency_requests e JOIN users u ON u.id = e.created_by WHERE e.id = $1 AND u.active`, [requestId]);
    return rows.map((r) => r.id);
  }

  /** Every active staff member of a provider organisation. */
  async providerStaff(tx: EntityManager, organisationId: string): Promise<string[]> {
    const rows: { id: string }[] = await tx.query(`SELECT id FROM users WHERE organisation_id = $1 AND role = 'provider_staff' AND active`, [organisationId]);
    return rows.map((r) => r.id);
  }
}
