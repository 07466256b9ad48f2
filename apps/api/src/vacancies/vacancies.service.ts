import { Inject, Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { ErrorCode, Role, type RoomGender, type UnitVacancies, type VacancyChangedEvent, type VacancyGender, type VacancyNight } from '@akiwa/contracts';
import { addDays, allowedVacancyGenders, checkFreeBeds, freshnessOf, nightsBetween, type FreeBedsProblem, type VacancyPolicy } from '@akiwa/domain';
import type { AuthUser } from '../common/auth/auth-user';
import { AppException } from '../common/errors/app.exception';
import { pgError } from '../common/errors/pg-error';
import { ENV, type ResolvedEnv } from '../config/env';
import { AreaDirectory } from '../areas/area-directory.service';
import { ServiceNights } from '../areas/service-nights.service';
import { Clock } from '../common/time/clock';
import { EventOutbox } from '../events/event-outbox.service';
import { UnitsService, type UnitRef } from '../units/units.service';
import type { AdjustVacancyDto, ConfirmVacanciesDto, SetVacancyRangeDto, VacancyWindowQuery } from './vacancy.dto';
import { checkWindow, checkWritableNight, DEFAULT_WINDOW_DAYS, defaultWindow } from './vacancy-window';
import { VacanciesRepository, type VacancyRowRecord, type WrittenRowRecord } from './vacancies.repository';
import { CommonTexts, UnitTexts, VacancyTexts } from '../common/errors/texts';

const writerOrganisation = (auth: AuthUser) => (auth.role === Role.Admin ? null : auth.organisationId);

const toNight = (r: VacancyRowRecord): VacancyNight => ({ night: r.night, gender: r.gender, free: r.free, held: r.held, confirmedAt: r.confirmedAt.toISOString() });

/** What a write asked for, to explain why it was refused. */
interface WriteIntent {
  nights: string[];
  gender: VacancyGender;
  free: number | null;
  delta: number | null;
  /** The request field the bed arithmetic is named after. */
  field: 'free' | 'delta';
}

@Injectable()
export class VacanciesService {
  readonly policy: VacancyPolicy;

  constructor(
    private readonly repo: VacanciesRepository,
    private readonly units: UnitsService,
    private readonly areas: AreaDirectory,
    private readonly outbox: EventOutbox,
    private readonly clock: Clock,
    private readonly serviceNights: ServiceNights,
    @Inject(ENV) env: ResolvedEnv,
  ) {
    this.policy = { staleHours: env.VACANCY_STALE_HOURS, unknownDays: env.VACANCY_UNKNOWN_DAYS };
  }

  async get(auth: AuthUser, unitId: string, q: VacancyWindowQuery): Promise<UnitVacancies> {
    await this.units.access(auth, unitId, 'read');
    const from = q.from ?? (await this.tonightOf(unitId));
    const to = q.to ?? addDays(from, DEFAULT_WINDOW_DAYS);
    checkWindow(from, to);
    return this.view(unitId, from, to);
  }

  /** "2 free from 11/25 to 11/30": sets one gender's free beds for every night of the range. */
  async setRange(auth: AuthUser, unitId: string, dto: SetVacancyRangeDto): Promise<UnitVacancies> {
    const tonight = await this.tonightOf(unitId);
    checkWritableNight(dto.from, 'from', tonight);
    checkWindow(dto.from, dto.to);
    checkWritableNight(dto.to, 'to', tonight);
    const nights = nightsBetween(dto.from, dto.to);
    return this.writeNights(auth, unitId, dto.expectedVersion, { nights, gender: dto.gender, free: dto.free, delta: null, field: 'free' }, tonight);
  }

  /** Tonight's +/− buttons. A night without a row starts from 0 free. */
  async adjust(auth: AuthUser, unitId: string, dto: AdjustVacancyDto): Promise<UnitVacancies> {
    const tonight = await this.tonightOf(unitId);
    checkWritableNight(dto.night, 'night', tonight);
    return this.writeNights(auth, unitId, dto.expectedVersion, { nights: [dto.night], gender: dto.gender, free: null, delta: dto.delta, field: 'delta' }, tonight);
  }

  /** "Still accurate": re-confirms every row from tonight on without changing a figure. */
  async confirm(auth: AuthUser, unitId: string, dto: ConfirmVacanciesDto): Promise<UnitVacancies> {
    const today = await this.tonightOf(unitId);
    const done = await this.repo.transaction(async (tx) => {
      const rows = await this.repo.confirmFrom(unitId, dto.expectedVersion, writerOrganisation(auth), auth.userId, today, this.clock.now(), tx);
      return rows.length ? this.committed(tx, unitId, rows, 'confirm', today) : null;
    });
    if (!done) throw await this.refusal(auth, unitId, dto.expectedVersion, null, null);
    return done;
  }

  /**
   * The one write path of a free-beds change: one statement (see VacanciesRepository.writeNights)
   * whose conditional version bump checks ownership, retirement and room gender, and whose result the
   * database's CHECKs and capacity trigger check. When it writes nothing or the database refuses it,
   * `refusal` reads the unit once and names the exact error with the domain's rules.
   */
  private async writeNights(auth: AuthUser, unitId: string, expectedVersion: number, w: WriteIntent, tonight: string): Promise<UnitVacancies> {
    const window = defaultWindow(tonight);
    const last = w.nights.reduce((max, n) => (n > max ? n : max), window.to);
    let done: UnitVacancies | null;
    try {
      // the statement and the event announcing it commit together (transactional outbox)
      done = await this.repo.transaction(async (tx) => {
        const rows = await this.repo.writeNights({
        unitId,
        expectedVersion,
        organisationId: writerOrganisation(auth),
        userId: auth.userId,
        nights: w.nights,
        gender: w.gender,
        free: w.free,
        delta: w.delta,
        window: { from: window.from, to: last },
        now: this.clock.now(),
      }, tx);
        return rows.length ? this.committed(tx, unitId, rows, 'edit', window.from) : null;
      });
    } catch (e) {
      if (!isBedArithmeticViolation(e)) throw e;
      throw await this.refusal(auth, unitId, expectedVersion, w, e);
    }
    if (!done) throw await this.refusal(auth, unitId, expectedVersion, w, null);
    return done;
  }

  /**
   * Why a write was refused, in the order a reader expects: 404 unknown unit, 403 another
   * organisation's, 409 retired, 409 version_conflict, 400 gender, then the bed arithmetic of
   * `checkFreeBeds` per night (400 min/above_capacity, 409 below_held).
   */
  private async refusal(auth: AuthUser, unitId: string, expectedVersion: number, w: WriteIntent | null, dbError: unknown): Promise<AppException> {
    const ref = await this.units.access(auth, unitId, 'write');
    const state = await this.repo.unitWriteState(unitId);
    if (!state || state.retired) return retiredConflict();
    if (state.vacancyVersion !== expectedVersion) return this.versionConflict(unitId);
    if (w) {
      checkGender(state, w.gender);
      const nights = await this.repo.nightState(unitId, w.nights, w.gender);
      for (const night of w.nights) {
        const s = nights.get(night) ?? { free: 0, held: 0, otherGendersFree: 0 };
        const next = w.free ?? s.free + (w.delta ?? 0);
        const problem = checkFreeBeds(next, { held: s.held, otherGendersFree: s.otherGendersFree, capacity: state.capacity });
        if (problem) return freeBedsProblem(w.field, problem, night, state.capacity);
      }
    }
    // the state moved between the write and this read: name what the database said, or ask to reload
    if (dbError) return mapVacancyWriteError(dbError);
    return this.versionConflict(ref.id);
  }

  /** After the one-statement write, in its transaction: tells the boards (outbox), then builds the HTTP answer from the rows the statement returned. */
  private async committed(tx: EntityManager, unitId: string, rows: WrittenRowRecord[], reason: VacancyChangedEvent['reason'], from: string): Promise<UnitVacancies> {
    const head = rows[0];
    const nights = rows.filter((r) => r.night !== null).sort(byNightThenGender);
    const written = (reason === 'confirm' ? nights : nights.filter((r) => r.written)).map(toNight);
    await this.publish(tx, { id: unitId, organisationId: head.organisationId, municipalityCode: head.municipalityCode }, head.vacancyVersion, written, reason);
    return this.toUnitVacancies(unitId, head.vacancyVersion, nights.filter((r) => r.night >= from));
  }

  async view(unitId: string, from: string, to: string, db?: DataSource | EntityManager): Promise<UnitVacancies> {
    const version = await this.repo.vacancyVersion(unitId, db);
    return this.toUnitVacancies(unitId, version ?? 0, await this.repo.rows(unitId, from, to, db));
  }

  /** `rows` sorted by night, then gender. */
  private toUnitVacancies(unitId: string, vacancyVersion: number, rows: VacancyRowRecord[]): UnitVacancies {
    const oldest = rows.reduce<Date | null>((min, r) => (!min || r.confirmedAt < min ? r.confirmedAt : min), null);
    return {
      unitId,
      vacancyVersion,
      confirmedAt: oldest ? oldest.toISOString() : null,
      freshness: freshnessOf(oldest, this.clock.now(), this.policy),
      nights: rows.map(toNight),
    };
  }

  /** 「今夜」 at the unit's place (the unit is looked up only when regions' night cutoffs differ). */
  tonightOf(unitId: string): Promise<string> {
    return this.serviceNights.tonight(async () => (await this.units.ref(unitId))?.municipalityCode);
  }

  /** Tells the unit's area rooms and its organisation's room: appended to the outbox in the write's transaction. */
  async publish(tx: EntityManager, ref: Pick<UnitRef, 'id' | 'organisationId' | 'municipalityCode'>, vacancyVersion: number, nights: VacancyNight[], reason: VacancyChangedEvent['reason']) {
    const at = this.clock.now().toISOString();
    const confirmedAt = nights.reduce((max, n) => (n.confirmedAt > max ? n.confirmedAt : max), '') || at;
    const rooms = await this.areas.roomsForUnit(ref.organisationId, ref.municipalityCode);
    await this.outbox.append(tx, rooms, 'vacancy:changed', {
      unitId: ref.id,
      organisationId: ref.organisationId,
      municipalityCode: ref.municipalityCode,
      vacancyVersion,
      nights,
      confirmedAt,
      reason,
      at,
    });
  }

  /** Writes rows in the caller's transaction (confirmed now, by the caller); `held` is left as the holds made it. */
  async upsert(tx: EntityManager, unitId: string, userId: string, rows: { night: string; gender: VacancyGender; free: number }[]): Promise<VacancyNight[]> {
    return (await this.repo.upsert(tx, unitId, userId, rows, this.clock.now())).sort(byNightThenGender).map(toNight);
  }

  private async versionConflict(unitId: string): Promise<AppException> {
    const window = defaultWindow(await this.tonightOf(unitId));
    return new AppException(
      ErrorCode.VersionConflict,
      VacancyTexts.changedFirst,
      [{ field: 'expectedVersion', code: 'outdated', message: CommonTexts.outdated('expectedVersion') }],
      { current: await this.view(unitId, window.from, window.to) },
    );
  }
}

function checkGender(unit: { roomGender: RoomGender }, gender: VacancyGender) {
  if (!allowedVacancyGenders(unit.roomGender).includes(gender)) {
    throw AppException.invalidField('gender', 'room_gender', VacancyTexts.roomGender(unit.roomGender, gender));
  }
}

/** Bed arithmetic failures: out of range is the caller's mistake (400); below held conflicts with offers made (409). */
export function freeBedsProblem(field: string, problem: FreeBedsProblem, night: string, capacity: number): AppException {
  if (problem === 'below_held') {
    return new AppException(ErrorCode.Conflict, VacancyTexts.heldOn(night), [
      { field, code: 'below_held', message: VacancyTexts.belowHeldOn(field, night) },
    ]);
  }
  const message = problem === 'negative' ? VacancyTexts.negativeOn(field, night) : VacancyTexts.aboveCapacityOn(field, capacity, night);
  return AppException.invalidField(field, problem === 'negative' ? 'min' : 'above_capacity', message);
}

const retiredConflict = () => new AppException(ErrorCode.Conflict, UnitTexts.retired);

const byNightThenGender = (a: { night: string; gender: string }, b: { night: string; gender: string }) =>
  a.night === b.night ? a.gender.localeCompare(b.gender) : a.night.localeCompare(b.night);

const BED_CONSTRAINTS = new Set(['vacancies_within_capacity', 'vacancies_held_check', 'vacancies_free_check']);

/** The database refused the bed arithmetic of a write (its CHECKs and capacity trigger are the invariant). */
function isBedArithmeticViolation(e: unknown): boolean {
  const constraint = pgError(e)?.constraint;
  return constraint !== undefined && BED_CONSTRAINTS.has(constraint);
}

/** Names a bed-arithmetic refusal by the constraint alone (when the state moved before it could be explained per night). */
function mapVacancyWriteError(e: unknown): AppException {
  const constraint = pgError(e)?.constraint;
  if (constraint === 'vacancies_within_capacity') {
    return AppException.invalidField('free', 'above_capacity', VacancyTexts.aboveCapacity);
  }
  if (constraint === 'vacancies_free_check') {
    return AppException.invalidField('free', 'min', VacancyTexts.negative);
  }
  return new AppException(ErrorCode.Conflict, VacancyTexts.belowHeld, [
    { field: 'free', code: 'below_held', message: VacancyTexts.belowHeldField },
  ]);
}
