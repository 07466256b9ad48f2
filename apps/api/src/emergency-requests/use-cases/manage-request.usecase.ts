import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { EmergencyRequestView } from '@akiwa/contracts';
import type { AuthUser } from '../../common/auth/auth-user';
import type { AddNoteDto, SetFollowUpDto, UpdatePersonDto } from '../emergency-request.dto';
import { PersonalDataCipher } from '../../common/crypto/personal-data.cipher';
import { AuditLog } from '../../audit/audit-log.service';
import { personAad } from '../request.sql';
import { OffersRepository } from '../offers.repository';
import { RequestsRepository } from '../requests.repository';
import { RequestErrors } from '../request-errors';
import { RequestNotifier } from '../request-notifier.service';
import { RequestQueries } from '../request-queries.service';
import { RequestTimeline } from '../request-timeline';

/** The coordinators' follow-through (seed 000 ⑨–⑫): cancel, notes, follow-up date. */
@Injectable()
export class ManageRequestUseCase {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly timeline: RequestTimeline,
    private readonly requests: RequestsRepository,
    private readonly offers: OffersRepository,
    private readonly queries: RequestQueries,
    private readonly notifier: RequestNotifier,
    private readonly cipher: PersonalDataCipher,
    private readonly audit: AuditLog,
  ) {}

  /** Closes an open request and gives back every held bed, under the same row lock as confirm. */
  async cancel(auth: AuthUser, requestId: string): Promise<EmergencyRequestView> {
    await this.db.transaction(async (tx) => {
      const req = await this.queries.own(auth, requestId, tx, 'FOR NO KEY UPDATE');
      if (req.status !== 'open') throw RequestErrors.notOpen(req.status);
      await this.requests.markCancelled(tx, requestId);
      const offerIds = await this.offers.releaseHeldOf(tx, requestId);
      const released = await this.offers.releaseBeds(tx, offerIds);
      await this.timeline.add(tx, requestId, 'cancelled', auth.userId);
      await this.notifier.vacanciesChanged(tx, released, 'release');
      await this.notifier.requestUpdated(tx, requestId);
      await this.notifier.inboxUpdated(tx, requestId);
    });
    return this.queries.detail(auth, requestId);
  }

  async addNote(auth: AuthUser, requestId: string, dto: AddNoteDto): Promise<EmergencyRequestView> {
    await this.queries.own(auth, requestId);
    await this.db.transaction(async (tx) => {
      await this.timeline.addText(tx, requestId, 'note', auth.userId, {}, dto.text);
      await this.notifier.requestUpdated(tx, requestId);
    });
    return this.queries.detail(auth, requestId);
  }

  /**
   * The unregistered person flow (seed 000): the coordinator adds or corrects who the person is after
   * posting, on an open or placed request. Encrypted like at posting and the write audited; the
   * placed provider is told to refetch, and reads it through its audited inbox read.
   */
  async updatePerson(auth: AuthUser, requestId: string, dto: UpdatePersonDto): Promise<EmergencyRequestView> {
    await this.db.transaction(async (tx) => {
      const req = await this.queries.own(auth, requestId, tx, 'FOR NO KEY UPDATE');
      if (req.status !== 'open' && req.status !== 'placed') throw RequestErrors.notOpen(req.status);
      await this.requests.setPerson(tx, requestId, this.cipher.encryptJson(dto.person, personAad(requestId)));
      const fields = Object.keys(dto.person).filter((k) => dto.person[k as keyof typeof dto.person] !== undefined);
      await this.audit.record({ actor: auth, action: 'person.write', subjectType: 'emergency_request', subjectId: requestId, detail: { fields, status: req.status } }, tx);
      await this.timeline.add(tx, requestId, 'person_updated', auth.userId, { fields });
      const placed = await this.offers.confirmedOrganisation(tx, requestId);
      await this.notifier.requestUpdated(tx, requestId);
      if (placed) await this.notifier.inboxUpdated(tx, requestId, [placed]);
    });
    return this.queries.detail(auth, requestId);
  }

  async setFollowUp(auth: AuthUser, requestId: string, dto: SetFollowUpDto): Promise<EmergencyRequestView> {
    await this.queries.own(auth, requestId);
    await this.db.transaction(async (tx) => {
      await this.requests.setFollowUp(tx, requestId, dto.followUpOn);
      await this.timeline.add(tx, requestId, 'follow_up', auth.userId, { followUpOn: dto.followUpOn });
      await this.notifier.requestUpdated(tx, requestId);
    });
    return this.queries.detail(auth, requestId);
  }
}
