import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { VacancySearchHit, VacancySearchPage } from '@akiwa/contracts';
import { freshnessCutoffs, freshnessOf, daysBetween } from '@akiwa/domain';
import { AppException } from '../common/errors/app.exception';
import { ServiceNights } from '../areas/service-nights.service';
import { Clock } from '../common/time/clock';
import { AreaDirectory } from '../areas/area-directory.service';
import type { VacancySearchDto } from './vacancy.dto';
import { VacanciesService } from './vacancies.service';

/** `total` is exact up to this many hits (or offset + limit when more); beyond, a lower bound. */
export const TOTAL_CAP = 100;

type HitRow = VacancySearchHit['unit'] & { distance: number; available: number; confirmedAt: Date; total: string };

/**
 * Which units can take a person for N nights from a date, nearest first. One SQL statement:
 * the area becomes a list of municipality codes (index on units.municipality_code), the acceptance
 * filters narrow the units, and each candidate's rows for the requested nights are read from the
 * vacancies primary key (which INCLUDEs free, held and confirmed_at, so no heap visit is needed).
 * Candidates are evaluated in distance tiers (same municipality, region, prefecture), each ranked on
 * its own, and evaluation stops once the page is full: a municipality-anchored search of a whole
 * prefecture usually reads one municipality. The total is counted only up to a cap (see TOTAL_CAP).
 * The availability rule is the one of `availabilityOver` in libs/domain.
 */
@Injectable()
export class VacancySearchService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly areas: AreaDirectory,
    private readonly vacancies: VacanciesService,
    private readonly clock: Clock,
    private readonly serviceNights: ServiceNights,
  ) {}

  async search(q: VacancySearchDto): Promise<VacancySearchPage> {
    const problem = await this.areas.check(q);
    if (problem) throw areaProblem(problem.field, problem.code);
    if (daysBetween(await this.serviceNights.tonight(q.municipalityCode), q.from) < 0) {
      throw AppException.invalidField('from', 'past_night', { ja: '「from」に過去の日付は指定できません', en: 'from must not be in the past' });
    }
    const { codes, distances } = await this.areas.scope(q);
    const now = this.clock.now();
    const { staleBefore, unknownBefore } = freshnessCutoffs(now, this.vacancies.policy);

    const params: unknown[] = [codes, distances, q.from, q.nights, unknownBefore, staleBefore, q.limit, q.offset];
    const p = (value: unknown) => `$${params.push(value)}`;
    const unitFilters: string[] = [];
    const rowFilters: string[] = [];
    if (q.category) unitFilters.push(`u.categories @> ARRAY[${p(q.category)}::text]`);
    if (q.child) unitFilters.push('u.accepts_children');
    if (q.supportLevel !== undefined) unitFilters.push(`${p(q.supportLevel)}::int BETWEEN u.support_level_min AND u.support_level_max`);
    if (q.needs?.length) unitFilters.push(`u.special_needs @> ${p(q.needs)}::text[]`);
    if (q.gender) {
      const g = p(q.gender);
      unitFilters.push(`u.room_gender IN (${g}, 'either')`);
      rowFilters.push(`v.gender IN (${g}, 'any')`);
    }
    if (q.serviceType) unitFilters.push(`u.service_type = ${p(q.serviceType)}`);
    // `false` asks for nothing (it does not exclude units that also take emergencies or trial stays)
    if (q.emergencyOk) unitFilters.push('u.emergency_ok');
    if (q.trialOk) unitFilters.push('u.trial_ok');

    // Distance tiers, nearest first: each tier is ranked on its own and the Append below stops pulling
    // (so later tiers are never evaluated) once offset + limit rows are out.
    const tiers = [...new Set(distances)].sort((a, b) => a - b);
    const available = `CROSS JOIN LATERAL (
           -- rows confirmed before the unknown cutoff do not count; a night without a counted row is not free
           SELECT min(n.available)::int AS available, min(n.confirmed_at) AS confirmed_at, count(*) AS nights
           FROM (
             SELECT sum(v.free - v.held) AS available, min(v.confirmed_at) AS confirmed_at
             FROM vacancies v
             WHERE v.unit_id = c.id AND v.night >= $3::date AND v.night < $3::date + $4::int AND v.confirmed_at > $5
             ${rowFilters.map((f) => `AND ${f}`).join(' ')}
             GROUP BY v.night
             HAVING sum(v.free - v.held) >= 1
           ) n
         ) a`;
    const cap = Math.max(TOTAL_CAP, q.offset + q.limit);
    const rows: HitRow[] = await this.db.query(
      `WITH candidates AS MATERIALIZED (
         SELECT u.id, u.name, s.distance
         FROM unnest($1::text[], $2::int[]) AS s(code, distance)
         JOIN units u ON u.municipality_code = s.code AND u.retired_at IS NULL
         ${unitFilters.map((f) => `AND ${f}`).join('\n         ')}
       ),
       ${tiers
         .map(
           (d) => `-- tier ${d}: its hits, evaluated only as far as they are read
       tier${d} AS (
         SELECT c.id, c.name, c.distance, a.available, a.confirmed_at
         FROM candidates c ${available}
         WHERE c.distance = ${d} AND a.nights = $4::int
       ),`,
         )
         .join('\n       ')}
       ranked AS (
         SELECT * FROM (
         ${tiers
           .map((d) => `(SELECT id AS unit_id, distance, available, confirmed_at FROM tier${d} ORDER BY confirmed_at > $6 DESC, available DESC, name, id LIMIT $7::int + $8::int)`)
           .join('\n         UNION ALL\n         ')}
         ) t LIMIT $7 OFFSET $8
       ),
       page AS (
         SELECT u.id, u.name, u.service_type AS "serviceType", u.municipality_code AS "municipalityCode", u.organisation_id AS "organisationId",
                o.name AS "organisationName", u.capacity, u.room_gender AS "roomGender", u.emergency_ok AS "emergencyOk", u.trial_ok AS "trialOk",
                u.contact_24h AS "contact24h", r.distance, r.available, r.confirmed_at AS "confirmedAt"
         FROM ranked r
         JOIN units u ON u.id = r.unit_id
         JOIN organisations o ON o.id = u.organisation_id
       )
       -- one row even for a page past the end, so the total is always known; counted up to the cap only
       SELECT t.total, p.* FROM (
         SELECT count(*) FROM (${tiers.map((d) => `SELECT 1 FROM tier${d}`).join(' UNION ALL ')} LIMIT ${cap + 1}) h
       ) AS t(total) LEFT JOIN page p ON true
       ORDER BY p.distance, p."confirmedAt" > $6 DESC, p.available DESC, p.name, p.id`,
      params,
    );
    const total = Number(rows[0].total);
    return {
      items: rows.filter((r) => r.id !== null).map(({ distance, available, confirmedAt, total: _, ...unit }) => ({
        unit,
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
    return AppException.invalidField('municipalityCode', 'area_required', {
      ja: '地域（prefectureCode・regionId・municipalityCode のいずれか）を指定してください',
      en: 'Give an area: prefectureCode, regionId or municipalityCode',
    });
  }
  if (code === 'outside') {
    return AppException.invalidField(field, 'outside_area', { ja: `「${field}」が他の指定地域に含まれていません`, en: `${field} is not inside the other area given` });
  }
  return AppException.invalidField(field, `unknown_${field}`, { ja: `「${field}」は登録されていない地域です`, en: `${field} is not a known area` });
}
