import { Injectable } from '@nestjs/common';
import type { VacancyCalendarRow } from '@akiwa/contracts';
import { CalendarRowEncoder, calendarCells, daysBetween, freshnessCutoffs, nightsFrom, pausedThrough, type VacancyRow } from '@akiwa/domain';
import { AppException } from '../common/errors/app.exception';
import { AreaDirectory, type AreaScope } from '../areas/area-directory.service';
import { ServiceNights } from '../areas/service-nights.service';
import { Clock } from '../common/time/clock';
import type { VacancyCalendarDto } from './vacancy.dto';
import { VacanciesRepository, readCalendarRows, type CalendarCriteria, type CalendarUnitRecord } from './vacancies.repository';
import { VacanciesService } from './vacancies.service';
import { CalendarPageCache, type CalendarPage } from './calendar-page-cache';
import { CalendarResponseWriter, calendarRowHead, type CalendarRowHead } from './calendar-response';
import { areaProblem } from './vacancy-search.service';
import { CommonTexts } from '../common/errors/texts';

/** The board's unit filters, as the calendar applies them. */
export type CalendarFilters = Pick<CalendarCriteria, 'category' | 'child' | 'supportLevel' | 'needs' | 'serviceType' | 'emergencyOk' | 'trialOk'> & { gender?: VacancyCalendarDto['gender'] };

/** A row's unit and distance as both forms send them (the pause as an ISO time). */
function unitOf({ admissionsPausedUntil, distance, ...unit }: Omit<CalendarUnitRecord, 'rows'>): CalendarRowHead {
  return { unit: { ...unit, admissionsPausedUntil: admissionsPausedUntil?.toISOString() ?? null }, distance };
}

/**
 * The day-by-day calendar (units down, nights across, ○/△/×/?/停 per night), filtered like the board.
 * One SQL statement reads the page of units with their rows (VacanciesRepository.calendar); the marks
 * are libs/domain `calendarCells`, the rule the web also applies to live events (the calendar's own
 * response through `CalendarRowEncoder`, the same rule without an object per row or cell).
 */
@Injectable()
export class VacancyCalendarService {
  constructor(
    private readonly repo: VacanciesRepository,
    private readonly areas: AreaDirectory,
    private readonly vacancies: VacanciesService,
    private readonly clock: Clock,
    private readonly serviceNights: ServiceNights,
  ) {}

  private readonly pages = new CalendarPageCache();

  /**
   * A page of calendar rows over `nights` (consecutive) for an area's scope (checked by the caller),
   * with the board's unit filters: the open feeds' unit-nights (FHIR Slot, snapshots, EDXL).
   */
  async page(scope: AreaScope, nights: string[], filters: CalendarFilters, limit: number, offset: number): Promise<{ total: number; items: VacancyCalendarRow[] }> {
    const { page: { total, units }, rows: texts } = await this.read(scope, nights, filters, limit, offset);
    const now = this.clock.now();
    const policy = this.vacancies.policy;
    const unknownBeforeMs = freshnessCutoffs(now, policy).unknownBefore.getTime();
    const items: VacancyCalendarRow[] = [];
    for (let k = 0; k < units.length; k++) {
      const head = await this.rowHead(units[k], now);
      const rows: VacancyRow[] = [];
      readCalendarRows(texts[k], { add: (i, gender, free, held, at) => rows.push({ night: nights[i], gender, free, held, confirmedAt: at }) });
      items.push({
        ...head,
        cells: calendarCells(rows, nights, { capacity: head.unit.capacity, gender: filters.gender, now, policy, pausedThrough: head.pausedThrough, unknownBeforeMs }),
      });
    }
    return { total, items };
  }

  /**
   * The calendar's page in its compact response form (VacancyCalendarWire), as JSON bytes
   * (`CalendarResponseWriter`): the units' part of each row is serialised once per kept page.
   */
  async calendar(q: VacancyCalendarDto): Promise<Buffer> {
    const problem = await this.areas.check(q);
    if (problem) throw areaProblem(problem.field, problem.code);
    if (daysBetween(await this.serviceNights.tonight(q.municipalityCode), q.from) < 0) {
      throw AppException.invalidField('from', 'past_night', CommonTexts.pastNight('from'));
    }
    const nights = nightsFrom(q.from, q.days);
    const { page, rows } = await this.read(await this.areas.scope(q), nights, q, q.limit, q.offset);
    const now = this.clock.now();
    const encoder = new CalendarRowEncoder(nights, { gender: q.gender, now, policy: this.vacancies.policy });
    page.heads ??= page.units.map((u) => calendarRowHead(unitOf(u)));
    const out = new CalendarResponseWriter(page.heads.reduce((n, h) => n + h.length, 0) + page.units.length * (nights.length * 5 + 80));
    for (let k = 0; k < page.units.length; k++) {
      const unit = page.units[k];
      encoder.reset();
      readCalendarRows(rows[k], encoder);
      out.row(page.heads[k], await this.pausedThrough(unit.municipalityCode, unit.admissionsPausedUntil, now), encoder, unit.capacity, nights.length);
    }
    return out.end({ total: page.total, limit: q.limit, offset: q.offset, from: q.from, nights });
  }

  /**
   * The page's units and their rows, one per unit in the same order. A page read before is reused when
   * the database's `calendar_units_version` is still the one it was read with: then only the rows are
   * read (measured on the bench's 圏域, 500 units × 31 nights: the statement's database time about
   * halves). Otherwise the whole page is read again, and kept.
   */
  private async read(scope: AreaScope, nights: string[], filters: CalendarFilters, limit: number, offset: number): Promise<{ page: CalendarPage; rows: (string | null)[] }> {
    const criteria: CalendarCriteria = {
      codes: scope.codes,
      distances: scope.distances,
      from: nights[0],
      to: nights[nights.length - 1],
      limit,
      offset,
      category: filters.category,
      child: filters.child,
      supportLevel: filters.supportLevel,
      needs: filters.needs,
      gender: filters.gender,
      serviceType: filters.serviceType,
      emergencyOk: filters.emergencyOk,
      trialOk: filters.trialOk,
    };
    // every criterion but the nights: the page of units does not depend on them
    const key = JSON.stringify({ ...criteria, from: undefined, to: undefined });
    const kept = this.pages.get(key);
    if (kept) {
      const { version, rows } = await this.repo.calendarRows(
        kept.units.map((u) => u.id),
        criteria.from,
        criteria.to,
      );
      if (version === kept.version) return { page: kept, rows };
    }
    const { total, units: read, version } = await this.repo.calendar(criteria);
    const page: CalendarPage = { version, total, units: read.map(({ rows: _, ...unit }) => unit) };
    this.pages.set(key, page);
    return { page, rows: read.map((u) => u.rows) };
  }

  /** A row's unit, distance and the night its admissions are stopped through. */
  private async rowHead(record: Omit<CalendarUnitRecord, 'rows'>, now: Date) {
    return { ...unitOf(record), pausedThrough: await this.pausedThrough(record.municipalityCode, record.admissionsPausedUntil, now) };
  }

  /** The last night a unit's admissions pause reaches (its municipality's night cutoff), or null. */
  private async pausedThrough(municipalityCode: string, pausedUntil: Date | null, now: Date): Promise<string | null> {
    // the area lookup only for a paused unit: most units are not
    if (!pausedUntil) return null;
    return pausedThrough(pausedUntil, now, (await this.areas.municipality(municipalityCode))?.nightCutoffMinutes);
  }
}
