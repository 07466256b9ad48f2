import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Rooms, type AlertNotification } from '@akiwa/contracts';
import { EventOutbox } from '../events/event-outbox.service';
import { PushSender } from '../push/push-sender.service';

export interface StoredNotification {
  id: string;
  userId: string;
  kind: AlertNotification['kind'];
  requestId: string | null;
  contactId?: string | null;
  text: string;
  url: string;
  createdAt: Date;
}

/**
 * Delivers alerts addressed to people: in-app through the outbox, in the transaction that stored them
 * (`inApp`: each person's own room; a device that was offline gets it on replay, none is lost to an
 * instance dying after the commit), and by Web Push to their devices after commit (`deliver`).
 */
@Injectable()
export class AlertDelivery {
  constructor(
    private readonly outbox: EventOutbox,
    private readonly push: PushSender,
  ) {}

  /** In the transaction that inserted the rows: one durable `alert:notification` per person. */
  inApp(tx: EntityManager, rows: StoredNotification[]): Promise<void> {
    return this.outbox.appendAll(
      tx,
      rows.map(({ userId, createdAt, ...rest }) => ({
        rooms: [Rooms.user(userId)],
        event: 'alert:notification' as const,
        payload: { notification: { ...rest, createdAt: new Date(createdAt).toISOString() } },
      })),
    );
  }

  /** After commit: Web Push from the same rows (the in-app event is already in the outbox). */
  async deliver(rows: StoredNotification[]): Promise<void> {
    await Promise.all(
      rows.map((row) =>
        this.push.toUsers([row.userId], { title: '空き輪：至急の確認', body: row.text, url: row.url, urgent: true, tag: row.requestId ? `alert-${row.requestId}` : undefined }),
      ),
    );
  }
}
