import { Injectable, Logger } from '@nestjs/common';
import { Rooms, type AlertNotification } from '@akiwa/contracts';
import { PushSender } from '../push/push-sender.service';
import { RealtimeService } from '../realtime/realtime.service';

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

/** Delivers alerts addressed to people, after commit: in-app over the socket (each person's own room), and by Web Push to their devices. */
@Injectable()
export class AlertDelivery {
  private readonly logger = new Logger('AlertDelivery');

  constructor(
    private readonly realtime: RealtimeService,
    private readonly push: PushSender,
  ) {}

  async deliver(rows: StoredNotification[]): Promise<void> {
    for (const row of rows) {
      try {
        const { userId, createdAt, ...rest } = row;
        this.realtime.send(Rooms.user(userId), 'alert:notification', { notification: { ...rest, createdAt: createdAt.toISOString() } });
      } catch (err) {
        this.logger.error({ err, id: row.id }, 'alert delivery failed');
      }
    }
    await Promise.all(
      rows.map((row) =>
        this.push.toUsers([row.userId], { title: '空き輪：至急の確認', body: row.text, url: row.url, urgent: true, tag: row.requestId ? `alert-${row.requestId}` : undefined }),
      ),
    );
  }
}
