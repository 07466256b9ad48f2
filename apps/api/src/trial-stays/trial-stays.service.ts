import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ErrorCode, Role, Rooms, type Page, type TrialStayNotice, type TrialStayView } from '@akiwa/contracts';
import { checkTrialStay, consecutiveWindow, daysBetween, fiscalYearsOf } from '@akiwa/domain';
import type { AuthUser } from '../common/auth/auth-user';
import { assertOwnOrganisation } from '../common/auth/organisation-scope';
import { AppException } from '../common/errors/app.exception';
import { EventOutbox } from '../events/event-outbox.service';
import { PersonAlerts } from '../person-alerts/person-alerts.service';
import { checkWritableNight } from '../vacancies/vacancy-window';
import { Clock } from '../common/time/clock';
import { ServiceNights } from '../areas/service-nights.service';
import { TrialOffersService } from './trial-offers.service';
import { TrialPersonsService } from './trial-persons.service';
import type { CreateTrialStayDto, TrialStayListDto } from './trial-stay.dto';
import { VacanciesService } from '../vacancies/vacancies.service';
import { TrialBookingRepository } from './trial-booking.repository';
import { alreadyBooked, mapStayWriteError, notOffered, policyProblem, wrongStatus } from './trial-stay.errors';
import { trialAad, TrialPersonalData } from './trial-personal-data';
import { toStayNotice, toStayView, type StayRow } from './trial-stays.sql';
import { TrialStaysRepository } from './trial-stays.repository';
import { Things, TrialStayTexts } from '../common/errors/texts';

/** The longest range a request may name before the policy check (the policy itself says 30 by default). */
const MAX_REQUEST_NIGHTS = 366;

/**
 * The booking lifecycle: a coordinator requests, the provider approves or declines, either side
 * cancels. The database refuses double booking (exclusion constraints) and makes every night of a live
 * stay take one bed of the unit, shared with emergency holds (trigger trial_stays_bed_nights); the
 * booking transaction locks the room, then the person, so concurrent bookings of one room or of one
 * person are serialised and the limits (consecutive nights across adjoining stays, nights per fiscal
 * year) hold. Events go out after commit, de-identified.
 *
 * The person's name, the note and the reason are encrypted at rest; every response that carries them
 * goes to a party of the stay (the booking coordinator's organisation, the home, an administrator)
 * and is recorded in the audit log first.
 */
@Injectable()
export class TrialStaysService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly stays: TrialStaysRepository,
    private readonly persons: TrialPersonsService,
    private readonly offers: TrialOffersService,
    private readonly outbox: EventOutbox,
    private readonly personal: TrialPersonalData,
    private readonly clock: Clock,
    private readonly serviceNights: ServiceNights,
    private readonly bookings: TrialBookingRepository,
    private readonly vacancies: VacanciesService,
    private readonly alerts: PersonAlerts,
  ) {}

  private readonly logger = new Logger(TrialStaysService.name);

  async create(auth: AuthUser, dto: CreateTrialStayDto): Promise<TrialStayView> {
    checkWritableNight(dto.from, 'from', await this.serviceNights.tonight(async () => (await this.offers.trialUnit(dto.unitId, false)).municipalityCode));
    const nights = daysBetween(dto.from, dto.to);
    if (nights < 1) throw policyProblem({ kind: 'empty' }, this.clock.now());
    if (nights > MAX_REQUEST_NIGHTS) {
      throw AppException.invalidField('to', 'too_many_nights', TrialStayTexts.tooManyNights(MAX_REQUEST_NIGHTS));
    }
    const unit = await this.offers.trialUnit(dto.unitId);
    const person = await this.persons.own(auth, dto.personId);
    if (unit.roomGender !== 'either' && unit.roomGender !== person.gender) {
      throw new AppException(ErrorCode.Conflict, TrialStayTexts.roomGender, [
        { field: 'personId', code: 'room_gender', message: TrialStayTexts.roomGenderField },
      ]);
    }
    const policy = await this.persons.policy(person.municipalityCode);
    // cheap refusal before any lock: the stay alone is too long
    const alone = checkTrialStay(dto.from, dto.to, new Map(), policy);
    if (alone) throw policyProblem(alone, this.clock.now());

    // nights already taken: refused before queueing for the room's lock (and checked again under it)
    const takenBefore = await this.bookings.takenNights(this.db, unit.id, dto.from, dto.to);
    if (takenBefore.length) throw alreadyBooked(takenBefore);

    const id = randomUUID();
    const booked = await this.db
      .transaction(async (tx) => {
        // the room first (see TrialBookingRepository): an overlapping booking waits here, then is refused
        // by the check below, naming the nights, instead of deadlocking in the exclusion constraint
        await this.bookings.lockRoom(tx, unit.id);
        const taken = await this.bookings.takenNights(tx, unit.id, dto.from, dto.to);
        if (taken.length) throw alreadyBooked(taken);
        // then the person: the nights counted below cannot change under us
        await this.bookings.lockPerson(tx, person.id);
        const used = new Map<number, number>();
        for (const fy of fiscalYearsOf(dto.from, dto.to)) used.set(fy.fiscalYear, await this.persons.usedNights(tx, person.id, fy.start, fy.end));
        const around = await this.bookings.personStaysAround(tx, person.id, consecutiveWindow(dto, policy));
        const problem = checkTrialStay(dto.from, dto.to, used, policy, around);
        if (problem) throw policyProblem(problem, this.clock.now());
        if (!(await this.bookings.isOpen(tx, unit.id, dto.from, dto.to))) throw notOffered();
        // the trial_stays_bed_nights trigger takes one bed of the unit on every night (or refuses: 409 naming them)
        await this.stays.insert(tx, {
          id,
          unitId: unit.id,
          providerOrganisationId: unit.organisationId,
          personId: person.id,
          coordinatorOrganisationId: auth.organisationId,
          from: dto.from,
          to: dto.to,
          noteEncrypted: this.personal.seal(dto.note ?? '', trialAad.stayNote(id)),
          requestedBy: auth.userId,
        });
        if (dto.visitSlotId) await this.takeVisitSlot(tx, dto.visitSlotId, unit.id, id);
        const row = await this.publish(tx, id, 'hold');
        await this.alert(tx, row, 'requested');
        return row;
      })
      .catch(mapStayWriteError);
    return this.reveal(auth, booked, 'trial_stay.create');
  }

  async approve(auth: AuthUser, id: string): Promise<TrialStayView> {
    const stay = await this.forParty(auth, id, 'provider');
    const approved = await this.db.transaction(async (tx) => {
      if (!(await this.stays.approve(tx, id, auth.userId))) return null;
      const row = await this.publish(tx, id);
      await this.alert(tx, row, 'approved');
      return row;
    });
    if (!approved) throw wrongStatus((await this.notice(id))?.status ?? stay.status);
    return this.reveal(auth, approved, 'trial_stay.approve');
  }

  async decline(auth: AuthUser, id: string, reason: string): Promise<TrialStayView> {
    const stay = await this.forParty(auth, id, 'provider');
    const done = await this.db.transaction(async (tx) => {
      if (!(await this.stays.decline(tx, id, this.personal.seal(reason, trialAad.stayReason(id)), auth.userId))) return null;
      await this.stays.releaseVisitSlot(tx, id);
      const row = await this.publish(tx, id, 'release');
      await this.alert(tx, row, 'declined');
      return row;
    });
    if (!done) throw wrongStatus((await this.notice(id))?.status ?? stay.status);
    return this.reveal(auth, done, 'trial_stay.decline');
  }

  /** Either side cancels a pending or approved stay, with the reason; the nights open again. */
  async cancel(auth: AuthUser, id: string, reason: string): Promise<TrialStayView> {
    const stay = await this.forParty(auth, id, 'either');
    const side = auth.organisationId === stay.providerOrganisationId ? 'provider' : 'coordinator';
    const done = await this.db.transaction(async (tx) => {
      if (!(await this.stays.cancel(tx, id, this.personal.seal(reason, trialAad.stayReason(id)), side, auth.userId))) return null;
      await this.stays.releaseVisitSlot(tx, id);
      return this.publish(tx, id, 'release');
    });
    if (!done) throw wrongStatus((await this.notice(id))?.status ?? stay.status);
    return this.reveal(auth, done, 'trial_stay.cancel');
  }

  async get(auth: AuthUser, id: string): Promise<TrialStayView> {
    const row = await this.row(id);
    if (!row || !isParty(auth, row)) throw AppException.notFound(Things.trialStay);
    return this.reveal(auth, row, 'trial_stay.view');
  }

  /** Providers see their homes' stays, coordinators their organisation's bookings. */
  async list(auth: AuthUser, q: TrialStayListDto): Promise<Page<TrialStayView>> {
    const scope = auth.role === Role.Admin ? 'all' : auth.role === Role.ProviderStaff ? 'provider' : 'coordinator';
    const rows = await this.stays.page(scope, { organisationId: auth.organisationId, status: q.status ?? null, personId: q.personId ?? null, unitId: q.unitId ?? null, limit: q.limit, offset: q.offset });
    // every row is the caller's own (scope above): one audit row for the page
    await this.personal.logRead(auth, {
      action: 'trial_stay.list',
      subjectType: 'trial_stay',
      subjectIds: rows.map((r) => r.id),
      detail: { personIds: [...new Set(rows.map((r) => r.personId))] },
    });
    return { items: rows.map(({ total: _, ...r }) => toStayView(r, this.personal)), total: rows.length ? Number(rows[0].total) : 0, limit: q.limit, offset: q.offset };
  }

  /**
   * A provider's approved stays not yet over, de-identified (nothing decrypted, so nothing to audit as
   * a personal read): for the open feeds' staff calendar.
   */
  async approvedNotices(providerOrganisationId: string, fromNight: string): Promise<TrialStayNotice[]> {
    const rows = await this.stays.approvedOf(providerOrganisationId, fromNight);
    return rows.map(toStayNotice);
  }

  /** The stay as stored (personal fields sealed). */
  private async row(id: string, db: DataSource | EntityManager = this.db): Promise<StayRow | null> {
    return this.stays.row(id, db);
  }

  /** The stay de-identified: nothing decrypted. */
  async notice(id: string): Promise<TrialStayNotice | null> {
    const row = await this.row(id);
    return row ? toStayNotice(row) : null;
  }

  /** The full stay for a party: the read is recorded first. */
  private async reveal(auth: AuthUser, row: StayRow, action: string): Promise<TrialStayView> {
    await this.personal.logRead(auth, { action, subjectType: 'trial_stay', subjectIds: [row.id], detail: { personId: row.personId } });
    return toStayView(row, this.personal);
  }

  /**
   * Loads a stay for an action by one side: 404 when unknown or (for coordinators) not theirs,
   * 403 when a provider acts on another home's stay or the wrong side acts.
   */
  private async forParty(auth: AuthUser, id: string, side: 'provider' | 'either'): Promise<TrialStayNotice> {
    const stay = await this.notice(id);
    if (!stay) throw AppException.notFound(Things.trialStay);
    if (auth.role === Role.Coordinator && stay.coordinatorOrganisationId !== auth.organisationId) throw AppException.notFound(Things.trialStay);
    if (side === 'provider' || auth.role === Role.ProviderStaff) assertOwnOrganisation(auth, stay.providerOrganisationId);
    return stay;
  }

  private async takeVisitSlot(tx: EntityManager, slotId: string, unitId: string, stayId: string) {
    if (!(await this.stays.takeVisitSlot(tx, slotId, unitId, stayId))) {
      throw new AppException(ErrorCode.Conflict, TrialStayTexts.slotTaken, [
        { field: 'visitSlotId', code: 'slot_taken', message: TrialStayTexts.slotTakenField },
      ]);
    }
  }

  /**
   * Alerts addressed to people (in-app and by push), in the change's transaction: a request to the
   * group home's staff, a decision to the coordinator who booked. De-identified: the room and the
   * nights, never the person.
   */
  private async alert(tx: EntityManager, row: StayRow, what: 'requested' | 'approved' | 'declined') {
    const [m1, d1] = row.from.slice(5).split('-').map(Number);
    const when = `${row.unitName}：${m1}月${d1}日から${row.nights}泊`;
    if (what === 'requested') {
      const users = await this.alerts.providerStaff(tx, row.providerOrganisationId);
      const text = `【体験利用の申込】${row.coordinatorOrganisationName}から ${when}`;
      await this.alerts.add(tx, users.map((userId) => ({ userId, kind: 'trial_requested' as const, text, url: '/provider/trial-stays' })), this.clock.now());
      return;
    }
    const booker = await this.stays.activeBooker(tx, row.id);
    const text = `【体験利用 ${what === 'approved' ? '承認' : 'お断り'}】${row.providerOrganisationName} ${when}`;
    await this.alerts.add(tx, booker.map((userId) => ({ userId, kind: 'trial_decided' as const, text, url: '/coordinator/trial-stays' })), this.clock.now());
  }

  /**
   * In the change's transaction (outbox): both organisations hear of it, de-identified (their screens
   * refetch); when the stay took or gave back a bed on each of its nights (trigger
   * trial_stays_bed_nights), the unit's boards hear of its rows too, like after an emergency hold.
   */
  private async publish(tx: EntityManager, id: string, bedNights?: 'hold' | 'release'): Promise<StayRow> {
    const row = (await this.row(id, tx))!;
    const stay = toStayNotice(row);
    await this.outbox.append(tx, [Rooms.organisation(stay.providerOrganisationId), Rooms.organisation(stay.coordinatorOrganisationId)], 'trial-stay:changed', { stay, at: new Date().toISOString() });
    if (bedNights) {
      const { unit, nights } = await this.bookings.unitNights(tx, row.unitId, row.from, row.to);
      if (unit) await this.vacancies.publish(tx, unit, unit.vacancyVersion, nights, bedNights);
    }
    return row;
  }
}

const isParty = (auth: AuthUser, stay: Pick<TrialStayNotice, 'providerOrganisationId' | 'coordinatorOrganisationId'>) =>
  auth.role === Role.Admin || auth.organisationId === stay.providerOrganisationId || auth.organisationId === stay.coordinatorOrganisationId;

