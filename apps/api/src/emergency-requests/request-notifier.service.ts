import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Rooms, type EmergencyRequestView, type FilterExclusionView, type InboxItem, type VacancyChangedEvent, type VacancyNight } from '@akiwa/contracts';
import { RealtimeService } from '../realtime/realtime.service';
import { VacanciesService } from '../vacancies/vacancies.service';
import { RequestQueries } from './request-queries.service';

/**
 * Socket pushes of the feature, always after the transaction committed (a rolled-back change is never
 * announced). Failures are logged, not thrown: the change is committed, and clients refetch on
 * reconnect (socket.io delivery is at-most-once anyway).
 *
 * Coordinator-facing events go to the user rooms of the posting organisation's coordinators rather
 * than the organisation room: a municipality's officers share that room and must not receive the
 * situation text. Payloads never carry the person (a push is not an audited read).
 */
@Injectable()
export class RequestNotifier {
  private readonly logger = new Logger('EmergencyRequests');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly realtime: RealtimeService,
    private readonly vacancies: VacanciesService,
    private readonly queries: RequestQueries,
  ) {}

  private readonly receivedListeners: ((items: { organisationId: string; item: InboxItem }[]) => void)[] = [];

  /** Other features hear of newly matched providers after commit, after the sockets (Web Push). */
  onReceived(listener: (items: { organisationId: string; item: InboxItem }[]) => void): void {
    this.receivedListeners.push(listener);
  }

  /** The hot path: one emit per newly matched provider organisation, built in memory. */
  received(items: { organisationId: string; item: InboxItem }[]) {
    for (const { organisationId, item } of items) this.realtime.send(Rooms.organisation(organisationId), 'request:received', { item });
    for (const listener of this.receivedListeners) listener(items);
  }

  async requestUpdated(requestId: string, view?: EmergencyRequestView) {
    await this.guard('request:updated', async () => {
      const v = view ?? (await this.queries.viewById(requestId));
      if (!v) return;
      this.realtime.send(await this.coordinatorRooms(v.organisationId), 'request:updated', { request: { ...v, person: null } });
    });
  }

  async inboxUpdated(requestId: string, organisationIds?: string[]) {
    if (organisationIds && !organisationIds.length) return;
    await this.guard('inbox:updated', async () => {
      for (const { organisationId, item } of await this.queries.inboxItemsForRequest(requestId, organisationIds)) {
        this.realtime.send(Rooms.organisation(organisationId), 'inbox:updated', { item });
      }
    });
  }

  async unplaced(requestId: string, organisationId: string, exclusions: FilterExclusionView[]) {
    await this.guard('request:unplaced', async () => {
      this.realtime.send(await this.coordinatorRooms(organisationId), 'request:unplaced', { requestId, exclusions });
    });
  }

  /** Boards and the provider hear that held beds changed (the vacancies feature's own publish). */
  async vacanciesChanged(byUnit: Map<string, VacancyNight[]>, reason: VacancyChangedEvent['reason']) {
    if (!byUnit.size) return;
    await this.guard('vacancy:changed', async () => {
      const units: { id: string; organisationId: string; municipalityCode: string; vacancyVersion: number }[] = await this.db.query(
        `SELECT id, organisation_id AS "organisationId", municipality_code AS "municipalityCode", vacancy_version AS "vacancyVersion" FROM units WHERE id = ANY($1::uuid[])`,
        [[...byUnit.keys()]],
      );
      for (const u of units) await this.vacancies.publish(u, u.vacancyVersion, byUnit.get(u.id)!, reason);
    });
  }

  private async coordinatorRooms(organisationId: string): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(`SELECT id FROM users WHERE organisation_id = $1 AND role = 'coordinator' AND active`, [organisationId]);
    return rows.map((r) => Rooms.user(r.id));
  }

  private async guard(event: string, work: () => Promise<void>) {
    try {
      await work();
    } catch (err) {
      this.logger.error({ err, event }, 'emit failed');
    }
  }
}
