import { availabilityOnNights, nightIndex, roomAccepts } from '../vacancy/availability';
import { DEFAULT_VACANCY_POLICY, FRESHNESS_RANK, freshnessCutoffs } from '../vacancy/freshness';
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

/** The first hard filter a unit fails, or null when it can take the person (vacancy checked separately). */
export function failingFilter(unit: CandidateUnit, req: MatchRequest): Exclude<MatchFilter, 'vacancy'> | null {
  const { needs } = req;
  if (!unit.emergencyOk) return 'emergency';
  if (!needs.categories.every((c) => unit.categories.includes(c))) return 'category';
  if (needs.child && !unit.acceptsChildren) return 'child';
  if (needs.supportLevel < unit.supportLevelMin || needs.supportLevel > unit.supportLevelMax) return 'support_level';
  if (!needs.specialNeeds.every((s) => unit.specialNeeds.includes(s))) return 'special_needs';
  if (!roomAccepts(unit.roomGender, needs.gender)) return 'room_gender';
  return null;
}

/**
 * Matches an emergency request against the units of the area: hard filters, then a ranking
 * (contracted provider, nearness, fit, freshness), and for every filter how much it excluded, so an
 * empty result can be explained ("no unit in 宇城圏域 accepts 精神 with 医療的ケア").
 */
export function matchRequest(req: MatchRequest, units: readonly CandidateUnit[]): MatchResult {
  const inArea = units.filter((u) => inScope(u.place, req.home, req.scope));
  const excludedUnits = new Map<MatchFilter, number>();
  // the furthest filter each provider's best unit reached: a provider is "excluded by" that filter
  const providerReach = new Map<string, number>();
  const matches: RankedMatch[] = [];
  const nights = nightIndex(req.from, req.nights);
  const availabilityOpts = {
    gender: req.needs.gender,
    now: req.now,
    policy: req.policy,
    unknownBeforeMs: freshnessCutoffs(req.now, req.policy ?? DEFAULT_VACANCY_POLICY).unknownBefore.getTime(),
  };

  for (const unit of inArea) {
    const failed = failingFilter(unit, req);
    const availability = failed ? null : availabilityOnNights(unit.vacancies, nights, availabilityOpts);
    const stoppedAt: MatchFilter | null = failed ?? (availability ? null : 'vacancy');
    const reach = stoppedAt ? FILTERS.indexOf(stoppedAt) : FILTERS.length;
    if (reach > (providerReach.get(unit.organisationId) ?? -1)) providerReach.set(unit.organisationId, reach);
    if (stoppedAt) {
      excludedUnits.set(stoppedAt, (excludedUnits.get(stoppedAt) ?? 0) + 1);
      continue;
    }
    matches.push({
      unitId: unit.unitId,
      organisationId: unit.organisationId,
      distance: distanceBetween(unit.place, req.home),
      contracted: !!req.contractedOrganisationId && unit.organisationId === req.contractedOrganisationId,
      surplus: surplusOf(unit, req),
      available: availability!.available,
      confirmedAt: availability!.confirmedAt,
      freshness: availability!.freshness,
    });
  }

  const exclusions: FilterExclusion[] = [];
  for (const [i, filter] of FILTERS.entries()) {
    const unitsOut = excludedUnits.get(filter) ?? 0;
    if (!unitsOut) continue;
    const providers = [...providerReach.values()].filter((r) => r === i).length;
    exclusions.push({ filter, units: unitsOut, providers, message: explainFilter(filter, req.needs, req.scope, providers) });
  }

  return {
    scope: req.scope,
    matches: matches.sort(compareMatches),
    considered: { units: inArea.length, providers: new Set(inArea.map((u) => u.organisationId)).size },
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
    a.distance - b.distance ||
    a.surplus - b.surplus ||
    FRESHNESS_RANK[a.freshness] - FRESHNESS_RANK[b.freshness] ||
    b.confirmedAt.getTime() - a.confirmedAt.getTime() ||
    b.available - a.available ||
    (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0)
  );
}
