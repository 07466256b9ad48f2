import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Rooms, type AlertKind, type AlertNotification } from '@akiwa/contracts';
import { requestAlertText, serviceNight } from '@akiwa/domain';
import { EventOutbox } from '../events/event-outbox.service';
import { PersonAlertsRepository } from './person-alerts.repository';

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
  constructor(
    private readonly repo: PersonAlertsRepository,
    private readonly outbox: EventOutbox,
  ) {}

  async add(tx: EntityManager, alerts: NewPersonAlert[], now: Date): Promise<AlertNotification[]> {
    if (!alerts.length) return [];
    const rows = await this.repo.insert(tx, alerts, now);
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
    const row = await this.repo.requestSummaryInput(tx, requestId);
    return requestAlertText(row, serviceNight(now, row.cutoff ?? undefined));
  }

  /** The coordinator who posted the request, if still active ("a request I posted"). */
  async poster(tx: EntityManager, requestId: string): Promise<string[]> {
    return this.repo.poster(tx, requestId);
  }

  /** Every active staff member of a provider organisation. */
  async providerStaff(tx: EntityManager, organisationId: string): Promise<string[]> {
    return this.repo.providerStaff(tx, organisationId);
  }
}
