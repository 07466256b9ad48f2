import { SUPPORT_LEVEL_MAX, SUPPORT_LEVEL_MIN } from '@akiwa/contracts';
import { availabilityOnNights, nightIndex, roomAccepts } from '../vacancy/availability';
import { DEFAULT_VACANCY_POLICY, FRESHNESS_RANK, freshnessCutoffs } from '../vacancy/freshness';
import { admissionsPaused } from './admissions';
import { distanceBetween, inScope } from './area';
import { explainFilter } from './explain';
import {
  FILTERS,
  type CandidateUnit,
  type FilterExclusion,
  type MatchFilter,
  type MatchRequest,
  type MatchResult,
  type RankedMatch,
} from './matching.types';

export type HardFilter = Exclude<MatchFilter, 'vacancy'>;

/** Whether a unit takes a person of this support level; 不明 (null) only where every level is taken. */
export function acceptsSupportLevel(unit: Pick<CandidateUnit, 'supportLevelMin' | 'supportLevelMax'>, level: number | null): boolean {
  if (level === null) return unit.supportLevelMin <= SUPPORT_LEVEL_MIN && unit.supportLevelMax >= SUPPORT_LEVEL_MAX;
  return level >= unit.supportLevelMin && level <= unit.supportLevelMax;
}

/**
 * Every hard filter a unit fails (vacancy checked separately), in FILTERS order. A unit that takes no
 * emergencies is not read further (its acceptance columns are not loaded on the hot path).
 */
export function failingFilters(unit: CandidateUnit, req: MatchRequest): HardFilter[] {
  const { needs } = req;
  if (!unit.emergencyOk) return ['emergency'];
  const failed: HardFilter[] = [];
  if (admissionsPaused(unit.admissionsPausedUntil, req.now)) failed.push('paused');
  if (!needs.categories.every((c) => unit.categories.includes(c))) failed.push('category');
  if (needs.child && !unit.acceptsChildren) failed.push('child');
  if (!acceptsSupportLevel(unit, needs.supportLevel)) failed.push('support_level');
  if (!needs.specialNeeds.every((s) => unit.specialNeeds.includes(s))) failed.push('special_needs');
  if (!roomAccepts(unit.roomGender, needs.gender)) failed.push('room_gender');
  if (req.atNight && unit.nightAdmission === false) failed.push('night');
  return failed;
}

/** The first hard filter a unit fails, or null when it can take the person (vacancy checked separately). */
export function failingFilter(unit: CandidateUnit, req: MatchRequest): HardFilter | null {
  return failingFilters(unit, req)[0] ?? null;
}

/**
 * Matches an emergency request against the units of the area: hard filters, then a ranking
 * (contracted provider, nearness, fit, freshness). Every reason is explained, not only the first:
 * per filter, how many providers it rules out (a provider can be ruled out by several), so an empty
 * or thin result reads as 「市町村内で精神を受け入れていない: 2事業所」「…障害児を受け入れていない: 1事業所」.
 * The contracted provider's units that pass the hard filters match even with no bed on the board
 * (`full`): it is asked first all the same (seed 000 step ③).
 */
export function matchRequest(req: MatchRequest, units: readonly CandidateUnit[]): MatchResult {
  const inArea = units.filter((u) => inScope(u.place, req.home, req.scope));
  const unitsOut = new Map<MatchFilter, number>();
  /** Per provider without a match: per filter, whether every unit fails it (`vacancy`: has units passing the hard filters, none with a bed). */
  const byProvider = new Map<string, { units: number; failing: Map<MatchFilter, number>; matched: boolean; hardPassing: number }>();
  const matches: RankedMatch[] = [];
  const nights = nightIndex(req.from, req.nights);
  const availabilityOpts = {
    gender: req.needs.gender,
    now: req.now,
    policy: req.policy,
    unknownBeforeMs: freshnessCutoffs(req.now, req.policy ?? DEFAULT_VACANCY_POLICY).unknownBefore.getTime(),
  };

  for (const unit of inArea) {
    const p = byProvider.get(unit.organisationId) ?? { units: 0, failing: new Map(), matched: false, hardPassing: 0 };
    byProvider.set(unit.organisationId, p);
    p.units++;
    const failed: MatchFilter[] = failingFilters(unit, req);
    const contracted = !!req.contractedOrganisationId && unit.organisationId === req.contractedOrganisationId;
    const availability = failed.length ? null : availabilityOnNights(unit.vacancies, nights, availabilityOpts);
    if (!failed.length) p.hardPassing++;
    if (!failed.length && !availability && !contracted) failed.push('vacancy');
    if (failed.length) {
      for (const f of failed) {
        unitsOut.set(f, (unitsOut.get(f) ?? 0) + 1);
        p.failing.set(f, (p.failing.get(f) ?? 0) + 1);
      }
      continue;
    }
    p.matched = true;
    matches.push({
      unitId: unit.unitId,
      organisationId: unit.organisationId,
      distance: distanceBetween(unit.place, req.home),
      contracted,
      full: !availability,
      surplus: surplusOf(unit, req),
      available: availability?.available ?? 0,
      confirmedAt: availability?.confirmedAt ?? new Date(0),
      freshness: availability?.freshness ?? 'unknown',
    });
  }

  const exclusions: FilterExclusion[] = [];
  for (const filter of FILTERS) {
    const units = unitsOut.get(filter) ?? 0;
    if (!units) continue;
    let providers = 0;
    for (const p of byProvider.values()) {
      if (p.matched) continue;
      const out = filter === 'vacancy' ? p.hardPassing > 0 && (p.failing.get('vacancy') ?? 0) === p.hardPassing : (p.failing.get(filter) ?? 0) === p.units;
      if (out) providers++;
    }
    if (providers) exclusions.push({ filter, units, providers, message: explainFilter(filter, req.needs, req.scope, providers) });
  }

  return {
    scope: req.scope,
    matches: matches.sort(compareMatches),
    considered: { units: inArea.length, providers: byProvider.size },
    exclusions,
  };
}

/** Specialised capacity the person would not use: keep medical-care beds for those who need them. */
function surplusOf(unit: CandidateUnit, req: MatchRequest): number {
  const unusedNeeds = unit.specialNeeds.filter((s) => !req.needs.specialNeeds.includes(s)).length;
  const unusedChild = unit.acceptsChildren && !req.needs.child ? 1 : 0;
  return unusedNeeds * 2 + unusedChild;
}

export function compareMatches(a: RankedMatch, b: RankedMatch): number {
  return (
    Number(b.contracted) - Number(a.contracted) ||
    Number(a.full) - Number(b.full) ||
    a.distance - b.distance ||
    a.surplus - b.surplus ||
    FRESHNESS_RANK[a.freshness] - FRESHNESS_RANK[b.freshness] ||
    b.confirmedAt.getTime() - a.confirmedAt.getTime() ||
    b.available - a.available ||
    (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0)
  );
}
