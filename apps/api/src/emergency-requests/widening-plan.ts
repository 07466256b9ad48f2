import type { FilterExclusionView, MatchScope } from '@akiwa/contracts';
import { nextScope, type RankedMatch } from '@akiwa/domain';
import type { MatchInput, MatchOutcome, RequestMatcher } from './request-matcher.service';

export interface PlannedRecipient {
  organisationId: string;
  /** Matching units, best first. */
  units: { id: string; name: string }[];
}

export interface WideningPlan {
  /** The scope reached: the first (from `start`) where a provider not yet told matches, or the widest tried. */
  scope: MatchScope;
  /** Every provider matching at `scope` (those already told get their unit list refreshed, not a second notice). */
  recipients: PlannedRecipient[];
  /** Providers told for the first time. */
  newOrganisations: Set<string>;
  /** Scopes tried, in order, with how many new providers each reached. */
  steps: { scope: MatchScope; providers: number }[];
  exclusions: Partial<Record<MatchScope, FilterExclusionView[]>>;
  /** Even the prefecture reached nobody new. */
  exhausted: boolean;
}

/**
 * Seed 000 steps ⑤⑥: match at `start`; when that reaches no provider not yet told, widen at once
 * (municipality → region → prefecture). `seed` (the contracted provider of step ③) counts as a match
 * at the first scope.
 */
export async function planWidening(
  matcher: RequestMatcher,
  input: MatchInput,
  start: MatchScope,
  alreadyTold: ReadonlySet<string>,
  seed: MatchOutcome | null,
  now: Date,
): Promise<WideningPlan> {
  const exclusions: WideningPlan['exclusions'] = {};
  const steps: WideningPlan['steps'] = [];
  let scope: MatchScope = start;
  for (let first = true; ; first = false) {
    const outcome = await matcher.match(input, scope, now);
    exclusions[scope] = outcome.result.exclusions;
    const recipients = group(first && seed ? [...seed.result.matches, ...outcome.result.matches] : outcome.result.matches, new Map([...(seed?.units ?? []), ...outcome.units]));
    const newOrganisations = new Set(recipients.map((r) => r.organisationId).filter((id) => !alreadyTold.has(id)));
    steps.push({ scope, providers: newOrganisations.size });
    const wider = nextScope(scope);
    if (newOrganisations.size || !wider) return { scope, recipients, newOrganisations, steps, exclusions, exhausted: !newOrganisations.size };
    scope = wider;
  }
}

/** Matches grouped by provider, in the ranking order of the best unit (contracted first). */
function group(matches: RankedMatch[], units: MatchOutcome['units']): PlannedRecipient[] {
  const byOrg = new Map<string, PlannedRecipient>();
  const seen = new Set<string>();
  for (const m of matches) {
    if (seen.has(m.unitId)) continue;
    seen.add(m.unitId);
    const r = byOrg.get(m.organisationId) ?? { organisationId: m.organisationId, units: [] };
    r.units.push({ id: m.unitId, name: units.get(m.unitId)?.name ?? '' });
    byOrg.set(m.organisationId, r);
  }
  return [...byOrg.values()];
}
