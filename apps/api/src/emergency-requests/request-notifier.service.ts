import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Rooms, type EmergencyRequestView, type FilterExclusionView, type InboxItem, type VacancyChangedEvent, type VacancyNight } from '@akiwa/contracts';
import { Clock } from '../common/time/clock';
import { EventOutbox } from '../events/event-outbox.service';
import { PersonAlerts } from '../person-alerts/person-alerts.service';
import { VacanciesService } from '../vacancies/vacancies.service';
import { RequestQueries } from './request-queries.service';
import { RequestsRepository } from './requests.repository';

/**
 * The feature's events, appended to the outbox inside the transaction of the change (`tx`): an event
 * exists exactly when its change committed, and reaches its audience even if this instance dies
 * right after the commit (the relay of any instance publishes it; clients replay what they missed).
 *
 * Coordinator-facing events go to the user rooms of the posting organisation's coordinators rather
 * than the organisation room: a municipality's officers share that room and must not receive the
 * situation text. Payloads never carry the person (a push is not an audited read).
 */
@Injectable()
export class RequestNotifier {
  constructor(
    private readonly outbox: EventOutbox,
    private readonly vacancies: VacanciesService,
    private readonly queries: RequestQueries,
    private readonly requests: RequestsRepository,
    private readonly alerts: PersonAlerts,
    private readonly clock: Clock,
  ) {}

  /** The hot path: one event per newly matched provider organisation, built in memory, one insert. */
  received(tx: EntityManager, items: { organisationId: string; item: InboxItem }[]) {
    return this.outbox.appendAll(
      tx,
      items.map(({ organisationId, item }) => ({ rooms: [Rooms.organisation(organisationId)], event: 'request:received' as const, payload: { item } })),
    );
  }

  async requestUpdated(tx: EntityManager, requestId: string, view?: EmergencyRequestView) {
    const v = view ?? (await this.queries.viewById(requestId, tx));
    if (!v) return;
    await this.outbox.append(tx, await this.coordinatorRooms(tx, v.organisationId), 'request:updated', { request: { ...v, person: null } });
  }

  async inboxUpdated(tx: EntityManager, requestId: string, organisationIds?: string[]) {
    if (organisationIds && !organisationIds.length) return;
    const items = await this.queries.inboxItemsForRequest(requestId, organisationIds, tx);
    await this.outbox.appendAll(
      tx,
      items.map(({ organisationId, item }) => ({ rooms: [Rooms.organisation(organisationId)], event: 'inbox:updated' as const, payload: { item } })),
    );
  }

  /** `alertPoster`: also alert the coordinator who posted it (not when they are looking at the answer of their own post). */
  async unplaced(tx: EntityManager, requestId: string, organisationId: string, exclusions: FilterExclusionView[], alertPoster = true) {
    await this.outbox.append(tx, await this.coordinatorRooms(tx, organisationId), 'request:unplaced', { requestId, exclusions });
    if (alertPoster) await this.alertPoster(tx, requestId, 'unplaced', '【受入先なし】');
  }

  /** A provider offered a bed: the poster is alerted (in-app and by push) to confirm it before the hold lapses. */
  async offerArrived(tx: EntityManager, requestId: string, providerName: string) {
    await this.alertPoster(tx, requestId, 'offer', `【受入の申し出】${providerName}：`);
  }

  /** An offer's hold lapses in `minutes` unless confirmed. */
  async holdExpiring(tx: EntityManager, requestId: string, providerName: string, minutes: number) {
    await this.alertPoster(tx, requestId, 'hold_expiring', `【確保の期限まで${minutes}分】${providerName}：`);
  }

  private async alertPoster(tx: EntityManager, requestId: string, kind: 'offer' | 'hold_expiring' | 'unplaced', prefix: string) {
    const now = this.clock.now();
    const users = await this.alerts.poster(tx, requestId);
    if (!users.length) return;
    const text = `${prefix}${await this.alerts.requestSummary(tx, requestId, now)}`;
    await this.alerts.add(
      tx,
      users.map((userId) => ({ userId, kind, requestId, text, url: `/coordinator/requests/${requestId}` })),
      now,
    );
  }

  /** Boards and the provider hear that held beds changed (the vacancies feature's own publish). */
  async vacanciesChanged(tx: EntityManager, byUnit: Map<string, VacancyNight[]>, reason: VacancyChangedEvent['reason']) {
    if (!byUnit.size) return;
    const units = await this.requests.unitVersions(tx, [...byUnit.keys()]);
    for (const u of units) await this.vacancies.publish(tx, u, u.vacancyVersion, byUnit.get(u.id)!, reason);
  }

  private async coordinatorRooms(tx: EntityManager, organisationId: string): Promise<string[]> {
    return (await this.requests.activeCoordinators(tx, organisationId)).map((id) => Rooms.user(id));
  }
}
