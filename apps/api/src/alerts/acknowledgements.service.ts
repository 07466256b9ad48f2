import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { Rooms, type AlertChannel, type InboxItem, type RequestReceipt } from '@akiwa/contracts';
import type { AuthUser } from '../common/auth/auth-user';
import { Clock } from '../common/time/clock';
import { EventOutbox } from '../events/event-outbox.service';
import { RequestErrors } from '../emergency-requests/request-errors';
import { RequestNotifier } from '../emergency-requests/request-notifier.service';
import { RequestQueries } from '../emergency-requests/request-queries.service';
import { RequestTimeline } from '../emergency-requests/request-timeline';
import { RequestsRepository } from '../emergency-requests/requests.repository';
import { ReceiptsRepository } from './receipts.repository';

/**
 * Whether a provider has even seen a request: a device reports delivery (the in-app banner showed, a
 * push arrived), a person acknowledges it (確認しました) separately from accepting or declining. The
 * posting coordinators hear every change live (`request:receipts`, through the outbox); an acknowledgement is written to
 * the request's timeline once, by whoever gave it first.
 */
@Injectable()
export class AcknowledgementsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly timeline: RequestTimeline,
    private readonly receipts: ReceiptsRepository,
    private readonly requests: RequestsRepository,
    private readonly queries: RequestQueries,
    private readonly notifier: RequestNotifier,
    private readonly outbox: EventOutbox,
    private readonly clock: Clock,
  ) {}

  async delivered(auth: AuthUser, requestId: string, via: AlertChannel): Promise<void> {
    if (!(await this.receipts.isRecipient(requestId, auth.organisationId))) throw RequestErrors.notFound();
    await this.db.transaction(async (tx) => {
      if (await this.receipts.markDelivered(tx, requestId, auth.organisationId, via, this.clock.now())) await this.announce(tx, requestId);
    });
  }

  async seen(auth: AuthUser, requestId: string): Promise<InboxItem> {
    if (!(await this.receipts.isRecipient(requestId, auth.organisationId))) throw RequestErrors.notFound();
    await this.db.transaction(async (tx) => {
      const first = await this.receipts.markSeen(tx, requestId, auth.organisationId, auth.userId, this.clock.now());
      if (first) {
        await this.timeline.add(tx, requestId, 'seen', auth.userId, { organisationName: await this.requests.organisationName(tx, auth.organisationId) });
        await this.notifier.requestUpdated(tx, requestId);
        await this.notifier.inboxUpdated(tx, requestId, [auth.organisationId]);
        await this.announce(tx, requestId);
      }
    });
    return this.queries.inboxItem(auth, requestId);
  }

  /** The posting coordinators' view: 404 / 403 like the request itself. */
  async forRequest(auth: AuthUser, requestId: string): Promise<RequestReceipt[]> {
    await this.checkOwn(auth, requestId);
    return this.receipts.forRequest(requestId);
  }

  async checkOwn(auth: AuthUser, requestId: string): Promise<void> {
    await this.queries.own(auth, requestId);
  }

  /** In the transaction of the change: the posting coordinators hear it through the outbox (replayed after a disconnection). */
  private async announce(tx: EntityManager, requestId: string): Promise<void> {
    const organisationId = await this.receipts.postingOrganisation(tx, requestId);
    if (!organisationId) return;
    const rooms = (await this.receipts.coordinatorIds(tx, organisationId)).map((id) => Rooms.user(id));
    await this.outbox.append(tx, rooms, 'request:receipts', { requestId });
  }
}
