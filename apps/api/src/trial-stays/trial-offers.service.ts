import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ErrorCode, type NightRange, type Page, type TrialCalendarView, type TrialOfferView, type TrialSearchHit, type VisitSlotView } from '@akiwa/contracts';
import { addDays, daysBetween, holidaysBetween, mergeRanges, nextMonth, trialDays } from '@akiwa/domain';
import type { AuthUser } from '../common/auth/auth-user';
import { assertOwnOrganisation } from '../common/auth/organisation-scope';
import { AppException } from '../common/errors/app.exception';
import { pgError } from '../common/errors/pg-error';
import { Clock } from '../common/time/clock';
import { ServiceNights } from '../areas/service-nights.service';
import { AreaDirectory } from '../areas/area-directory.service';
import { areaProblem } from '../vacancies/vacancy-search.service';
import type { CalendarQuery, TrialSearchDto, UpdateTrialOfferDto } from './trial-stay.dto';
import { type SlotRow, TrialOffersRepository, type TrialUnitRef } from './trial-offers.repository';
import { Things, TrialStayTexts } from '../common/errors/texts';

export type { TrialUnitRef } from './trial-offers.repository';

/** Openings can be declared this far ahead. */
const MAX_OPEN_DAYS_AHEAD = 400;

const toSlot = (r: SlotRow): VisitSlotView => ({ ...r, startsAt: r.startsAt.toISOString() });

/** What a group home offers (openings, house rules, 持ち物, 見学 slots), its calendar, and the search. */
@Injectable()
export class TrialOffersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repo: TrialOffersRepository,
    private readonly areas: AreaDirectory,
    private readonly clock: Clock,
    private readonly serviceNights: ServiceNights,
  ) {}

  /** An active group-home room (404 otherwise). */
  async trialUnit(unitId: string, requireTrialOk = true): Promise<TrialUnitRef> {
    const u = await this.repo.trialUnit(unitId);
    if (!u) throw AppException.notFound(Things.trialUnit);
    if (requireTrialOk && !u.trialOk) {
      throw new AppException(ErrorCode.Conflict, TrialStayTexts.notTrialRoom, [
        { field: 'unitId', code: 'trial_not_ok', message: TrialStayTexts.notTrialRoomField },
      ]);
    }
    return u;
  }

  async getOffer(unitId: string): Promise<TrialOfferView> {
    const unit = await this.trialUnit(unitId, false);
    const today = await this.serviceNights.tonight(unit.municipalityCode);
    const row = await this.repo.offer(unitId);
    const openings = await this.repo.openingsFrom(unitId, today);
    const slots = await this.repo.slotsAfter(unitId, this.clock.now());
    return { ...row, openings, visitSlots: slots.map(toSlot) };
  }

  /** Replaces house rules, 持ち物 and every opening from today on (past nights stay as they were). */
  async updateOffer(auth: AuthUser, unitId: string, dto: UpdateTrialOfferDto): Promise<TrialOfferView> {
    const unit = await this.trialUnit(unitId, false);
    assertOwnOrganisation(auth, unit.organisationId);
    const today = await this.serviceNights.tonight(unit.municipalityCode);
    dto.openings.forEach((r, i) => checkOpening(r, i, today));
    const openings = mergeRanges(dto.openings);
    if (openings.length && !unit.trialOk) await this.trialUnit(unitId); // throws: not open for trial stays
    await this.db.transaction(async (tx) => {
      await this.repo.saveOffer(tx, unitId, dto.houseRules, dto.whatToBring, auth.userId);
      await this.repo.replaceOpeningsFrom(tx, unitId, today, openings);
    });
    return this.getOffer(unitId);
  }

  async addVisitSlot(auth: AuthUser, unitId: string, startsAt: string): Promise<VisitSlotView> {
    const unit = await this.trialUnit(unitId);
    assertOwnOrganisation(auth, unit.organisationId);
    const at = new Date(startsAt);
    if (at.getTime() <= this.clock.now().getTime()) {
      throw AppException.invalidField('startsAt', 'past', TrialStayTexts.slotInPast);
    }
    await this.repo.ensureOffer(unitId, auth.userId);
    const row = await this.repo
      .insertSlot(unitId, at)
      .catch((e) => {
        if (pgError(e)?.code === '23505') {
          throw new AppException(ErrorCode.Conflict, TrialStayTexts.slotExists, [
            { field: 'startsAt', code: 'taken', message: TrialStayTexts.slotExistsField },
          ]);
        }
        throw e;
      });
    return toSlot(row);
  }

  async removeVisitSlot(auth: AuthUser, slotId: string): Promise<void> {
    const slot = await this.repo.slotOwner(slotId);
    if (!slot) throw AppException.notFound(Things.visitSlot);
    assertOwnOrganisation(auth, slot.organisationId);
    if (!(await this.repo.deleteFreeSlot(slotId))) throw new AppException(ErrorCode.Conflict, TrialStayTexts.slotBooked);
  }

  /** A month per room, for one room or every trial room of a home. No personal data: any role may read it. */
  async calendar(q: CalendarQuery): Promise<TrialCalendarView> {
    if (!q.unitId === !q.organisationId) {
      throw AppException.invalidField('unitId', 'exactly_one', TrialStayTexts.unitOrOrganisation);
    }
    const from = `${q.month}-01`;
    const to = nextMonth(q.month);
    const units = await this.repo.calendarUnits(q.unitId ?? null, q.organisationId ?? null);
    if (q.unitId && !units.length) throw AppException.notFound(Things.trialUnit);
    const ids = units.map((u) => u.id);
    const openings = await this.repo.openingsOverlapping(ids, from, to);
    const stays = await this.repo.staysOverlapping(ids, from, to);
    const noBed = await this.repo.noBedNights(ids, from, to);
    return {
      month: q.month,
      holidays: holidaysBetween(from, addDays(to, -1)),
      units: units.map((u) => ({
        unitId: u.id,
        unitName: u.name,
        days: trialDays(q.month, openings.filter((o) => o.unitId === u.id), stays.filter((s) => s.unitId === u.id), new Set(noBed.filter((n) => n.unitId === u.id).map((n) => n.night))),
      })),
    };
  }

  /**
   * Group-home rooms open for trial stays and free on every night of [from, to), nearest first. The
   * openings are merged, so "open for the whole range" is one containment test on one row; "free"
   * is the absence of a live stay, answered by the exclusion constraint's GiST index, and an
   * available bed on every night the board has figures for (the booking takes one).
   */
  async search(q: TrialSearchDto): Promise<Page<TrialSearchHit>> {
    const problem = await this.areas.check(q);
    if (problem) throw areaProblem(problem.field, problem.code);
    const span = daysBetween(q.from, q.to);
    if (span < 1 || span > 366) {
      throw AppException.invalidField('to', span < 1 ? 'before_from' : 'too_many_nights', TrialStayTexts.searchSpan);
    }
    const { codes, distances } = await this.areas.scope(q);
    const rows = await this.repo.search({
      codes,
      distances,
      from: q.from,
      to: q.to,
      category: q.category ?? null,
      supportLevel: q.supportLevel ?? null,
      needs: q.needs ?? [],
      gender: q.gender ?? null,
      limit: q.limit,
      offset: q.offset,
    });
    const slots: VisitSlotView[] = rows.length
      ? (await this.repo.freeSlotsAfter(rows.map((r) => r.unitId), this.clock.now())).map(toSlot)
      : [];
    return {
      items: rows.map(({ total: _, ...r }) => ({ ...r, visitSlots: slots.filter((s) => s.unitId === r.unitId) })),
      total: rows.length ? Number(rows[0].total) : 0,
      limit: q.limit,
      offset: q.offset,
    };
  }
}

function checkOpening(r: NightRange, i: number, today: string) {
  const field = `openings.${i}`;
  if (daysBetween(r.from, r.to) < 1) {
    throw AppException.invalidField(`${field}.to`, 'before_from', TrialStayTexts.openingOrder(field));
  }
  if (daysBetween(today, r.to) < 1) {
    throw AppException.invalidField(`${field}.to`, 'past_night', TrialStayTexts.openingPast(field));
  }
  if (daysBetween(today, r.to) > MAX_OPEN_DAYS_AHEAD) {
    throw AppException.invalidField(`${field}.to`, 'too_far_ahead', TrialStayTexts.openingTooFar(field, MAX_OPEN_DAYS_AHEAD));
  }
  // a range that began in the past is clipped to today
  if (r.from < today) r.from = today;
}
