import { Inject, Injectable } from '@nestjs/common';
import type { MatchScope } from '@akiwa/contracts';
import { failingFilter, matchRequest, type CandidateUnit, type MatchRequest, type MatchResult, type PersonNeeds, type Place, type VacancyPolicy } from '@akiwa/domain';
import { AreaDirectory } from '../areas/area-directory.service';
import { ENV, type ResolvedEnv } from '../config/env';
import { MatchingRepository, type UnitRow } from './matching.repository';

export type { UnitRow } from './matching.repository';

export interface MatchInput {
  needs: PersonNeeds;
  municipalityCode: string;
  from: string;
  nights: number;
  contractedOrganisationId?: string | null;
  /** Arrives tonight, at night: units without 夜間受入可 are left out. */
  atNight?: boolean;
}

export interface MatchOutcome {
  result: MatchResult;
  /** Name and municipality of every unit that can match (emergency-capable; for inbox items and offers). */
  units: Map<string, { name: string; municipalityCode: string }>;
}

/**
 * The CandidateUnit[] of the units query's rows: one per unit (a row of n units that take no
 * emergencies becomes n units failing the `emergency` filter, exactly as if read one by one).
 */
export function candidateUnits(rows: readonly UnitRow[], placeOf: (municipalityCode: string) => Place): CandidateUnit[] {
  const arrays = new Map<string, string[]>();
  const list = <T extends string>(s: string | null): T[] => {
    if (!s) return [];
    let a = arrays.get(s);
    if (!a) arrays.set(s, (a = Object.freeze(s.split(',')) as string[]));
    return a as T[];
  };
  const units: CandidateUnit[] = [];
  for (const r of rows) {
    const unit: CandidateUnit = {
      unitId: r.unitId ?? '',
      organisationId: r.organisationId,
      place: placeOf(r.municipalityCode),
      categories: list(r.categories),
      acceptsChildren: r.acceptsChildren ?? false,
      supportLevelMin: r.supportLevelMin ?? 0,
      supportLevelMax: r.supportLevelMax ?? 0,
      specialNeeds: list(r.specialNeeds),
      roomGender: r.roomGender ?? 'either',
      emergencyOk: r.emergencyOk,
      admissionsPausedUntil: r.admissionsPausedUntil,
      nightAdmission: r.nightAdmission ?? true,
      vacancies: [],
    };
    units.push(unit);
    // units taking no emergencies are never read past the first filter: they share nothing mutable
    for (let i = 1; i < r.units; i++) units.push({ ...unit, vacancies: [] });
  }
  return units;
}

/**
 * Feeds the pure matching library (libs/domain `matchRequest`) from the database on the post hot
 * path: two indexed queries. The units of the scope are read without vacancies (the acceptance
 * filters need none), and those that take no emergencies only as counts per provider and
 * municipality (see UnitRow); vacancy rows are read only for units that pass the filters, and only
 * for the requested nights (the vacancies primary key covers them). Geography comes from the in-memory
 * AreaDirectory rather than a join, since it changes only with migrations.
 */
@Injectable()
export class RequestMatcher {
  readonly policy: VacancyPolicy;

  constructor(
    private readonly repo: MatchingRepository,
    private readonly areas: AreaDirectory,
    @Inject(ENV) env: ResolvedEnv,
  ) {
    this.policy = { staleHours: env.VACANCY_STALE_HOURS, unknownDays: env.VACANCY_UNKNOWN_DAYS };
  }

  async place(municipalityCode: string): Promise<Place | null> {
    const m = await this.areas.municipality(municipalityCode);
    return m ? { municipalityCode: m.code, cityCode: m.parentCode ?? m.code, regionId: m.regionId, prefectureCode: m.prefectureCode } : null;
  }

  /** Matches within `scope` around the person's municipality. */
  async match(input: MatchInput, scope: MatchScope, now: Date): Promise<MatchOutcome> {
    const home = await this.requirePlace(input.municipalityCode);
    const area =
      scope === 'municipality' || (scope === 'region' && !home.regionId)
        ? { municipalityCode: home.cityCode }
        : scope === 'region'
          ? { regionId: home.regionId! }
          : { prefectureCode: home.prefectureCode };
    const { codes } = await this.areas.scope(area);
    const rows = await this.repo.unitsIn(codes);
    return this.run(input, home, scope, rows, now);
  }

  /**
   * Step ③: the provider the person already has a contract with is asked first, wherever it is in
   * the prefecture. Only its own units are read (organisation index).
   */
  async matchContracted(input: MatchInput, now: Date): Promise<MatchOutcome | null> {
    if (!input.contractedOrganisationId) return null;
    const home = await this.requirePlace(input.municipalityCode);
    const rows = await this.repo.unitsOf(input.contractedOrganisationId);
    return this.run(input, home, 'prefecture', rows, now);
  }

  private async run(input: MatchInput, home: Place, scope: MatchScope, rows: UnitRow[], now: Date): Promise<MatchOutcome> {
    const req: MatchRequest = {
      needs: input.needs,
      home,
      from: input.from,
      nights: input.nights,
      scope,
      now,
      atNight: input.atNight ?? false,
      contractedOrganisationId: input.contractedOrganisationId ?? null,
      policy: this.policy,
    };
    const places = new Map<string, Place>();
    for (const { municipalityCode } of rows) if (!places.has(municipalityCode)) places.set(municipalityCode, (await this.place(municipalityCode))!);
    const units = candidateUnits(rows, (code) => places.get(code)!);
    // only units that can take the person at all need their nights read
    const passing = units.filter((u) => !failingFilter(u, req)).map((u) => u.unitId);
    if (passing.length) {
      const nights = await this.repo.nights(passing, input.from, input.nights, input.needs.gender);
      const byUnit = new Map(units.map((u) => [u.unitId, u]));
      for (const { unitId, ...row } of nights) byUnit.get(unitId)!.vacancies.push(row);
    }
    return {
      result: matchRequest(req, units),
      units: new Map(rows.filter((r) => r.unitId !== null).map((r) => [r.unitId!, { name: r.name ?? '', municipalityCode: r.municipalityCode }])),
    };
  }

  private async requirePlace(code: string): Promise<Place> {
    const home = await this.place(code);
    if (!home) throw new Error(`unknown municipality ${code}`);
    return home;
  }
}
