import { Injectable } from '@nestjs/common';
import type { VacancySearchPage } from '@akiwa/contracts';
import { freshnessCutoffs, freshnessOf, daysBetween } from '@akiwa/domain';
import { AppException } from '../common/errors/app.exception';
import { ServiceNights } from '../areas/service-nights.service';
import { Clock } from '../common/time/clock';
import { AreaDirectory } from '../areas/area-directory.service';
import type { VacancySearchDto } from './vacancy.dto';
import { VacanciesRepository } from './vacancies.repository';
import { VacanciesService } from './vacancies.service';
import { CommonTexts, VacancyTexts } from '../common/errors/texts';

/** `total` is exact up to this many hits (or offset + limit when more); beyond, a lower bound. */
export const TOTAL_CAP = 100;

/**
 * Which units can take a person for N nights from a date, nearest first (the SQL is
 * VacanciesRepository.search). The availability rule is the one of `availabilityOver` in
 * libs/domain: both pass the table of libs/domain/src/vacancy/availability.cases.ts.
 */
@Injectable()
export class VacancySearchService {
  constructor(
    private readonly repo: VacanciesRepository,
    private readonly areas: AreaDirectory,
    private readonly vacancies: VacanciesService,
    private readonly clock: Clock,
    private readonly serviceNights: ServiceNights,
  ) {}

  async search(q: VacancySearchDto): Promise<VacancySearchPage> {
    const problem = await this.areas.check(q);
    if (problem) throw areaProblem(problem.field, problem.code);
    if (daysBetween(await this.serviceNights.tonight(q.municipalityCode), q.from) < 0) {
      throw AppException.invalidField('from', 'past_night', CommonTexts.pastNight('from'));
    }
    const { codes, distances } = await this.areas.scope(q);
    const now = this.clock.now();
    const { staleBefore, unknownBefore } = freshnessCutoffs(now, this.vacancies.policy);

    const cap = Math.max(TOTAL_CAP, q.offset + q.limit);
    const rows = await this.repo.search({
      codes,
      distances,
      from: q.from,
      nights: q.nights,
      unknownBefore,
      staleBefore,
      limit: q.limit,
      offset: q.offset,
      cap,
      category: q.category,
      child: q.child,
      supportLevel: q.supportLevel,
      needs: q.needs,
      gender: q.gender,
      serviceType: q.serviceType,
      emergencyOk: q.emergencyOk,
      trialOk: q.trialOk,
      now,
    });
    const total = Number(rows[0].total);
    return {
      items: rows.filter((r) => r.id !== null).map(({ distance, available, confirmedAt, total: _, paused: __, admissionsPausedUntil, ...unit }) => ({
        unit: { ...unit, admissionsPausedUntil: admissionsPausedUntil?.toISOString() ?? null },
        available,
        distance,
        confirmedAt: confirmedAt.toISOString(),
        freshness: freshnessOf(confirmedAt, now, this.vacancies.policy),
      })),
      total: Math.min(total, cap),
      totalIsLowerBound: total > cap,
      limit: q.limit,
      offset: q.offset,
    };
  }
}

export function areaProblem(field: string, code: string): AppException {
  if (code === 'required') {
    return AppException.invalidField('municipalityCode', 'area_required', VacancyTexts.areaRequired);
  }
  if (code === 'outside') {
    return AppException.invalidField(field, 'outside_area', VacancyTexts.outsideArea(field));
  }
  return AppException.invalidField(field, `unknown_${field}`, VacancyTexts.unknownArea(field));
}
