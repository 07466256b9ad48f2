import { Injectable } from '@nestjs/common';
import type { VacancyCalendarRow, VacancyCalendarWire } from '@akiwa/contracts';
import { calendarCells, daysBetween, encodeCalendarCells, freshnessCutoffs, nightsFrom, pausedThrough } from '@akiwa/domain';
import { AppException } from '../common/errors/app.exception';
import { AreaDirectory, type AreaScope } from '../areas/area-directory.service';
import { ServiceNights } from '../areas/service-nights.service';
import { Clock } from '../common/time/clock';
import type { VacancyCalendarDto } from './vacancy.dto';
import { VacanciesRepository, type CalendarCriteria } from './vacancies.repository';
import { VacanciesService } from './vacancies.service';
import { areaProblem } from './vacancy-search.service';

/** The board's unit filters, as the calendar applies them. */
export type CalendarFilters = Pick<CalendarCriteria, 'category' | 'child' | 'supportLevel' | 'needs' | 'serviceType' | 'emergencyOk' | 'trialOk'> & { gender?: VacancyCalendarDto['gender'] };

/**
 * The day-by-day calendar (units down, nights across, ○/△/×/?/停 per night), filtered like the board.
 * One SQL statement reads the page of units with their rows (VacanciesRepository.calendar); the marks
 * are libs/domain `calendarCells`, the rule the web also applies to live events.
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

  /**
   * A page of calendar rows over `nights` for an area's scope (checked by the caller), with the
   * board's unit filters: the calendar's page, and the open feeds' unit-nights (FHIR Slot).
   */
  async page(scope: AreaScope, nights: string[], filters: CalendarFilters, limit: number, offset: number): Promise<{ total: number; items: VacancyCalendarRow[] }> {
    const { total, units } = await this.repo.calendar({
      ...scope,
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
    });
    const now = this.clock.now();
    const policy = this.vacancies.policy;
    const unknownBeforeMs = freshnessCutoffs(now, policy).unknownBefore.getTime();
    const items = await Promise.all(
      units.map(async ({ rows, admissionsPausedUntil, distance, ...unit }) => {
        const cutoff = admissionsPausedUntil ? (await this.areas.municipality(unit.municipalityCode))?.nightCutoffMinutes : undefined;
        const paused = pausedThrough(admissionsPausedUntil, now, cutoff);
        return {
          unit: { ...unit, admissionsPausedUntil: admissionsPausedUntil?.toISOString() ?? null },
          distance,
          pausedThrough: paused,
          cells: calendarCells(rows, nights, { capacity: unit.capacity, gender: filters.gender, now, policy, pausedThrough: paused, unknownBeforeMs }),
        };
      }),
    );
    return { total, items };
  }

  /** The calendar's page in its compact response form (VacancyCalendarWireRow). */
  async calendar(q: VacancyCalendarDto): Promise<VacancyCalendarWire> {
    const problem = await this.areas.check(q);
    if (problem) throw areaProblem(problem.field, problem.code);
    if (daysBetween(await this.serviceNights.tonight(q.municipalityCode), q.from) < 0) {
      throw AppException.invalidField('from', 'past_night', { ja: '「from」に過去の日付は指定できません', en: 'from must not be in the past' });
    }
    const nights = nightsFrom(q.from, q.days);
    const { total, items } = await this.page(await this.areas.scope(q), nights, q, q.limit, q.offset);
    return { items: items.map(({ cells, ...row }) => ({ ...row, ...encodeCalendarCells(cells) })), total, limit: q.limit, offset: q.offset, from: q.from, nights };
  }
}
