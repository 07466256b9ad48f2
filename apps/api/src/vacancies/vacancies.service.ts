import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ErrorCode, Role, type RoomGender, type UnitVacancies, type VacancyChangedEvent, type VacancyGender, type VacancyNight } from '@akiwa/contracts';
import { addDays, allowedVacancyGenders, checkFreeBeds, freshnessOf, nightsBetween, type FreeBedsProblem, type VacancyPolicy } from '@akiwa/domain';
import type { AuthUser } from '../common/auth/auth-user';
import { AppException } from '../common/errors/app.exception';
import { pgError } from '../common/errors/pg-error';
import { ENV, type ResolvedEnv } from '../config/env';
import { returning } from '../database/sql';
import { AreaDirectory } from '../areas/area-directory.service';
import { ServiceNights } from '../areas/service-nights.service';
import { Clock } from '../common/time/clock';
import { RealtimeService } from '../realtime/realtime.service';
import { UnitsService, type UnitRef } from '../units/units.service';
import type { AdjustVacancyDto, ConfirmVacanciesDto, SetVacancyRangeDto, VacancyWindowQuery } from './vacancy.dto';
import { checkWindow, checkWritableNight, DEFAULT_WINDOW_DAYS, defaultWindow } from './vacancy-window';

/** The unit row as locked by a vacancy write: current capacity and rooms, and the new version. */
export interface LockedUnit {
  vacancyVersion: number;
  capacity: number;
  roomGender: RoomGender;
}

type Row = Omit<VacancyNight, 'confirmedAt'> & { confirmedAt: Date };

/** `night::text`: node-pg would turn a date into a local-midnight Date and shift it across time zones. */
export const VACANCY_NIGHT_COLUMNS = `night::text AS night, gender, free, held, confirmed_at AS "confirmedAt"`;

/** The same columns of a row of `alias` (in RETURNING and joins). */
const VACANCY_NIGHT_COLUMNS_OF = (alias: string) =>
  `${alias}.night::text AS night, ${alias}.gender, ${alias}.free, ${alias}.held, ${alias}.confirmed_at AS "confirmedAt"`;

/**
 * The optimistic lock of a one-statement write, also checking what the step-by-step path checks
 * first: the unit is not retired and belongs to the caller's organisation ($3; null for an admin).
 * $1 unit id, $2 expected vacancy version.
 */
const BUMP_VERSION = (...conditions: string[]) => `UPDATE units SET vacancy_version = vacancy_version + 1
           WHERE id = $1 AND vacancy_version = $2 AND ($3::uuid IS NULL OR organisation_id = $3) AND retired_at IS NULL
             ${conditions.map((c) => `AND ${c}`).join(' ')}
           RETURNING vacancy_version, organisation_id, municipality_code`;
const LOCKED_COLUMNS = `u.vacancy_version AS "vacancyVersion", u.organisation_id AS "organisationId", u.municipality_code AS "municipalityCode"`;

/** A row of a one-statement write: the unit's new version, and one vacancy row (all null when the unit has none). */
type WrittenRow = Row & { vacancyVersion: number; organisationId: string; municipalityCode: string; written?: boolean };

const writerOrganisation = (auth: AuthUser) => (auth.role === Role.Admin ? null : auth.organisationId);

const toNight = (r: Row): VacancyNight => ({ night: r.night, gender: r.gender, free: r.free, held: r.held, confirmedAt: r.confirmedAt.toISOString() });

@Injectable()
export class VacanciesService {
  readonly policy: VacancyPolicy;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly units: UnitsService,
    private readonly areas: AreaDirectory,
    private readonly realtime: RealtimeService,
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
    const fast = await this.writeFast(auth, unitId, dto.expectedVersion, { nights, gender: dto.gender, free: dto.free, delta: null }, tonight);
    if (fast) return fast;
    return this.write(auth, unitId, dto.expectedVersion, 'edit', tonight, async (tx, unit) => {
      checkGender(unit, dto.gender);
      const state = await this.nightState(tx, unitId, nights, dto.gender);
      for (const night of nights) {
        const s = state.get(night) ?? { held: 0, otherGendersFree: 0 };
        const problem = checkFreeBeds(dto.free, { ...s, capacity: unit.capacity });
        if (problem) throw freeBedsProblem('free', problem, night, unit.capacity);
      }
      return this.upsert(tx, unitId, auth.userId, nights.map((night) => ({ night, gender: dto.gender, free: dto.free })));
    });
  }

  /** Tonight's +/− buttons. A night without a row starts from 0 free. */
  async adjust(auth: AuthUser, unitId: string, dto: AdjustVacancyDto): Promise<UnitVacancies> {
    const tonight = await this.tonightOf(unitId);
    checkWritableNight(dto.night, 'night', tonight);
    const fast = await this.writeFast(auth, unitId, dto.expectedVersion, { nights: [dto.night], gender: dto.gender, free: null, delta: dto.delta }, tonight);
    if (fast) return fast;
    return this.write(auth, unitId, dto.expectedVersion, 'edit', tonight, async (tx, unit) => {
      checkGender(unit, dto.gender);
      const s = (await this.nightState(tx, unitId, [dto.night], dto.gender)).get(dto.night) ?? { free: 0, held: 0, otherGendersFree: 0 };
      const next = s.free + dto.delta;
      const problem = checkFreeBeds(next, { ...s, capacity: unit.capacity });
      if (problem) throw freeBedsProblem('delta', problem, dto.night, unit.capacity);
      return this.upsert(tx, unitId, auth.userId, [{ night: dto.night, gender: dto.gender, free: next }]);
    });
  }

  /** "Still accurate": re-confirms every row from tonight on without changing a figure. */
  async confirm(auth: AuthUser, unitId: string, dto: ConfirmVacanciesDto): Promise<UnitVacancies> {
    const today = await this.tonightOf(unitId);
    const now = this.clock.now();
    const rows = await this.db
      .query(
        `WITH u AS (${BUMP_VERSION()}),
         w AS (
           UPDATE vacancies v SET confirmed_at = $6, confirmed_by = $4 FROM u WHERE v.unit_id = $1 AND v.night >= $5
           RETURNING ${VACANCY_NIGHT_COLUMNS_OF('v')}
         )
         SELECT ${LOCKED_COLUMNS}, w.* FROM u LEFT JOIN w ON true`,
        [unitId, dto.expectedVersion, writerOrganisation(auth), auth.userId, today, now],
      )
      .catch(mapVacancyWriteError);
    if (rows.length) return this.committed(unitId, rows, 'confirm', today);
    return this.write(auth, unitId, dto.expectedVersion, 'confirm', today, async (tx) => {
      const rows = await returning<Row>(
        tx,
        `UPDATE vacancies SET confirmed_at = $4, confirmed_by = $3 WHERE unit_id = $1 AND night >= $2
         RETURNING ${VACANCY_NIGHT_COLUMNS}`,
        [unitId, today, auth.userId, now],
      );
      return rows.sort(byNightThenGender).map(toNight);
    });
  }

  /**
   * The happy path of a free-beds write in one statement (one round trip, one commit): the
   * conditional version bump is also the ownership, retirement, room-gender and bed-arithmetic check
   * (the unit row lock serialises writers of the unit; a concurrent change of capacity is re-checked
   * on the locked row), the rows are upserted, and the response window is read in the same
   * statement. `null` when the bump matched no row: the caller then runs the step-by-step
   * transaction, which answers the exact error (404, 403, 409 retired/version_conflict/below_held,
   * 400 gender/min/above_capacity) or, if the state changed in between, performs the write.
   */
  private async writeFast(
    auth: AuthUser,
    unitId: string,
    expectedVersion: number,
    w: { nights: string[]; gender: VacancyGender; free: number | null; delta: number | null },
    tonight: string,
  ): Promise<UnitVacancies | null> {
    const window = defaultWindow(tonight);
    const last = w.nights.reduce((max, n) => (n > max ? n : max), window.to);
    const rows = await this.db
      .query(
        `WITH target AS (
           -- per night: the new free beds of this gender, its held beds, and the other genders' free beds
           SELECT q.night,
                  coalesce($7::int, coalesce(sum(v.free) FILTER (WHERE v.gender = $6), 0)::int + $8::int) AS next,
                  coalesce(sum(v.held) FILTER (WHERE v.gender = $6), 0)::int AS held,
                  coalesce(sum(v.free) FILTER (WHERE v.gender <> $6), 0)::int AS other
           FROM unnest($5::date[]) AS q(night)
           LEFT JOIN vacancies v ON v.unit_id = $1 AND v.night = q.night
           GROUP BY q.night
         ),
         u AS (${BUMP_VERSION(
           `($6 = 'any' OR units.room_gender IN ($6, 'either'))`,
           'NOT EXISTS (SELECT 1 FROM target t WHERE t.next < 0 OR t.next + t.other > units.capacity OR t.next < t.held)',
         )}),
         w AS (
           INSERT INTO vacancies(unit_id, night, gender, free, confirmed_at, confirmed_by)
           SELECT $1, t.night, $6, t.next, $11, $4 FROM target t, u
           ON CONFLICT (unit_id, night, gender) DO UPDATE SET free = EXCLUDED.free, confirmed_at = EXCLUDED.confirmed_at, confirmed_by = EXCLUDED.confirmed_by
           RETURNING ${VACANCY_NIGHT_COLUMNS_OF('vacancies')}
         )
         SELECT ${LOCKED_COLUMNS}, r.* FROM u LEFT JOIN (
           SELECT true AS written, w.* FROM w
           UNION ALL
           -- the rest of the response window, as this statement saw it (no writer of the unit can commit in between)
           SELECT false, ${VACANCY_NIGHT_COLUMNS_OF('v')} FROM vacancies v
           WHERE v.unit_id = $1 AND v.night BETWEEN $9 AND $10 AND NOT (v.gender = $6 AND v.night = ANY($5::date[]))
         ) r ON true`,
        [unitId, expectedVersion, writerOrganisation(auth), auth.userId, w.nights, w.gender, w.free, w.delta, window.from, last, this.clock.now()],
      )
      .catch(mapVacancyWriteError);
    if (!rows.length) return null;
    return this.committed(unitId, rows, 'edit', window.from);
  }

  /** After a one-statement write committed: tells the boards first, then builds the HTTP answer from the rows the statement returned. */
  private async committed(unitId: string, rows: WrittenRow[], reason: VacancyChangedEvent['reason'], from: string): Promise<UnitVacancies> {
    const head = rows[0];
    const nights = rows.filter((r) => r.night !== null).sort(byNightThenGender);
    const written = (reason === 'confirm' ? nights : nights.filter((r) => r.written)).map(toNight);
    await this.publish({ id: unitId, organisationId: head.organisationId, municipalityCode: head.municipalityCode }, head.vacancyVersion, written, reason);
    return this.toUnitVacancies(unitId, head.vacancyVersion, nights.filter((r) => r.night >= from));
  }

  async view(unitId: string, from: string, to: string, db: DataSource | EntityManager = this.db): Promise<UnitVacancies> {
    const [unit] = await db.query(`SELECT vacancy_version AS "vacancyVersion" FROM units WHERE id = $1`, [unitId]);
    const rows: Row[] = await db.query(
      `SELECT ${VACANCY_NIGHT_COLUMNS} FROM vacancies WHERE unit_id = $1 AND night BETWEEN $2 AND $3 ORDER BY night, gender`,
      [unitId, from, to],
    );
    return this.toUnitVacancies(unitId, unit?.vacancyVersion ?? 0, rows);
  }

  /** `rows` sorted by night, then gender. */
  private toUnitVacancies(unitId: string, vacancyVersion: number, rows: Row[]): UnitVacancies {
    const oldest = rows.reduce<Date | null>((min, r) => (!min || r.confirmedAt < min ? r.confirmedAt : min), null);
    return {
      unitId,
      vacancyVersion,
      confirmedAt: oldest ? oldest.toISOString() : null,
      freshness: freshnessOf(oldest, this.clock.now(), this.policy),
      nights: rows.map(toNight),
    };
  }

  /**
   * One vacancy write: checks ownership, then in one transaction bumps the unit's vacancy version
   * only if it is still the expected one (the optimistic lock, also serialising writers of the unit),
   * runs `work`, and after commit tells the unit's area boards and organisation.
   */
  private async write(
    auth: AuthUser,
    unitId: string,
    expectedVersion: number,
    reason: VacancyChangedEvent['reason'],
    tonight: string,
    work: (tx: EntityManager, unit: LockedUnit) => Promise<VacancyNight[]>,
  ): Promise<UnitVacancies> {
    const ref = await this.units.access(auth, unitId, 'write');
    if (ref.retired) throw retiredConflict();
    const done = await this.db
      .transaction(async (tx) => {
        const [unit] = await returning<LockedUnit>(
          tx,
          `UPDATE units SET vacancy_version = vacancy_version + 1 WHERE id = $1 AND vacancy_version = $2 AND retired_at IS NULL
           RETURNING vacancy_version AS "vacancyVersion", capacity, room_gender AS "roomGender"`,
          [unitId, expectedVersion],
        );
        if (!unit) return null;
        return { unit, nights: await work(tx, unit) };
      })
      .catch(mapVacancyWriteError);
    if (!done) throw await this.versionConflict(ref);
    await this.publish(ref, done.unit.vacancyVersion, done.nights, reason);
    const window = defaultWindow(tonight);
    const last = done.nights.reduce((max, n) => (n.night > max ? n.night : max), window.to);
    return this.view(unitId, window.from, last);
  }

  /** 「今夜」 at the unit's place (the unit is looked up only when regions' night cutoffs differ). */
  tonightOf(unitId: string): Promise<string> {
    return this.serviceNights.tonight(async () => (await this.units.ref(unitId))?.municipalityCode);
  }

  /** Tells the unit's area rooms and its organisation's room. Call only after the transaction committed. */
  async publish(ref: Pick<UnitRef, 'id' | 'organisationId' | 'municipalityCode'>, vacancyVersion: number, nights: VacancyNight[], reason: VacancyChangedEvent['reason']) {
    const at = this.clock.now().toISOString();
    const confirmedAt = nights.reduce((max, n) => (n.confirmedAt > max ? n.confirmedAt : max), '') || at;
    const rooms = await this.areas.roomsForUnit(ref.organisationId, ref.municipalityCode);
    this.realtime.send(rooms, 'vacancy:changed', {
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

  /** Writes rows (confirmed now, by the caller); `held` is left as the holds made it. */
  async upsert(tx: EntityManager, unitId: string, userId: string, rows: { night: string; gender: VacancyGender; free: number }[]): Promise<VacancyNight[]> {
    if (!rows.length) return [];
    const written = await tx.query(
      `INSERT INTO vacancies(unit_id, night, gender, free, confirmed_at, confirmed_by)
       SELECT $1, r.night, r.gender, r.free, $6, $2 FROM unnest($3::date[], $4::text[], $5::int[]) AS r(night, gender, free)
       ON CONFLICT (unit_id, night, gender) DO UPDATE SET free = EXCLUDED.free, confirmed_at = EXCLUDED.confirmed_at, confirmed_by = EXCLUDED.confirmed_by
       RETURNING ${VACANCY_NIGHT_COLUMNS}`,
      [unitId, userId, rows.map((r) => r.night), rows.map((r) => r.gender), rows.map((r) => r.free), this.clock.now()],
    );
    return (written as Row[]).sort(byNightThenGender).map(toNight);
  }

  /** Per night: this gender's free and held beds, and the free beds of the unit's other genders. */
  async nightState(tx: EntityManager, unitId: string, nights: string[], gender: VacancyGender) {
    const rows: { night: string; free: number; held: number; otherGendersFree: number }[] = await tx.query(
      `SELECT night::text AS night,
              coalesce(sum(free) FILTER (WHERE gender = $3), 0)::int AS free,
              coalesce(sum(held) FILTER (WHERE gender = $3), 0)::int AS held,
              coalesce(sum(free) FILTER (WHERE gender <> $3), 0)::int AS "otherGendersFree"
       FROM vacancies WHERE unit_id = $1 AND night = ANY($2::date[]) GROUP BY night`,
      [unitId, nights, gender],
    );
    return new Map(rows.map((r) => [r.night, r]));
  }

  private async versionConflict(ref: UnitRef): Promise<AppException> {
    const current = await this.units.ref(ref.id);
    if (current?.retired) return retiredConflict();
    const window = defaultWindow(await this.serviceNights.tonight(ref.municipalityCode));
    return new AppException(
      ErrorCode.VersionConflict,
      { ja: '他の人が先に空床を更新しました。最新の空床を確認してください', en: 'Someone else changed these vacancies first; review the current state' },
      [{ field: 'expectedVersion', code: 'outdated', message: { ja: '「expectedVersion」が古くなっています', en: 'expectedVersion is outdated' } }],
      { current: await this.view(ref.id, window.from, window.to) },
    );
  }
}

function checkGender(unit: LockedUnit, gender: VacancyGender) {
  if (!allowedVacancyGenders(unit.roomGender).includes(gender)) {
    throw AppException.invalidField('gender', 'room_gender', {
      ja: `このユニットの居室（${unit.roomGender}）には「${gender}」の空床は登録できません`,
      en: `This unit's rooms (${unit.roomGender}) cannot have ${gender} vacancies`,
    });
  }
}

/** Bed arithmetic failures: out of range is the caller's mistake (400); below held conflicts with offers made (409). */
export function freeBedsProblem(field: string, problem: FreeBedsProblem, night: string, capacity: number): AppException {
  if (problem === 'below_held') {
    return new AppException(ErrorCode.Conflict, { ja: `${night}は緊急受入の確保中の床があるため、これ以上減らせません`, en: `Beds on ${night} are held for emergency offers` }, [
      { field, code: 'below_held', message: { ja: `「${field}」: 確保中の床数より少なくできません（${night}）`, en: `${field} would leave fewer free beds than held on ${night}` } },
    ]);
  }
  const message =
    problem === 'negative'
      ? { ja: `「${field}」: 空床数は0未満にできません（${night}）`, en: `${field} would make free beds negative on ${night}` }
      : { ja: `「${field}」: 空床数が定員（${capacity}）を超えます（${night}）`, en: `${field} would exceed the capacity of ${capacity} on ${night}` };
  return AppException.invalidField(field, problem === 'negative' ? 'min' : 'above_capacity', message);
}

const retiredConflict = () => new AppException(ErrorCode.Conflict, { ja: 'このユニットは廃止されています', en: 'This unit has been retired' });

const byNightThenGender = (a: { night: string; gender: string }, b: { night: string; gender: string }) =>
  a.night === b.night ? a.gender.localeCompare(b.gender) : a.night.localeCompare(b.night);

/** The database's checks (deferred capacity trigger, held ≤ free) should never fire past the service's; if they do, say which. */
function mapVacancyWriteError(e: unknown): never {
  const constraint = pgError(e)?.constraint;
  if (constraint === 'vacancies_within_capacity') {
    throw AppException.invalidField('free', 'above_capacity', { ja: '空床数が定員を超えます', en: 'Free beds would exceed the capacity' });
  }
  if (constraint === 'vacancies_held_check' || constraint === 'vacancies_free_check') {
    throw new AppException(ErrorCode.Conflict, { ja: '確保中の床数より少なくできません', en: 'Free beds cannot go below held beds' }, [
      { field: 'free', code: 'below_held', message: { ja: '「free」が確保中の床数を下回ります', en: 'free would go below held beds' } },
    ]);
  }
  throw e;
}
