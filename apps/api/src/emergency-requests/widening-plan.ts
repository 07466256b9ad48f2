import type { FilterExclusionView, MatchScope } from '@akiwa/contracts';
import { nextScope, type RankedMatch } from '@akiwa/domain';
import type { MatchInput, MatchOutcome, RequestMatcher } from './request-matcher.service';

export interface PlannedRecipient {
  organisationId: string;
  /** Matching units, best first. */
  units: { id: string; name: string }[];
  /** 契約先 (seed 000 step ③). */
  contracted: boolean;
  /** Its board shows no bed on some night for any of its units (only the contracted provider is told then). */
  full: boolean;
}

export interface WideningPlan {
  /** The scope reached: the first (from `start`) where a provider not yet told can take the person, or the widest tried. */
  scope: MatchScope;
  /** Every provider to tell at `scope`, the contracted one first (those already told get their unit list refreshed, not a second notice). */
  recipients: PlannedRecipient[];
  /** Providers told for the first time. */
  newOrganisations: Set<string>;
  /** Scopes tried, in order, with how many new providers each reached (the last one: everyone told now). */
  steps: { scope: MatchScope; providers: number; organisationIds?: string[] }[];
  exclusions: Partial<Record<MatchScope, FilterExclusionView[]>>;
  /** Even the prefecture reached nobody new. */
  exhausted: boolean;
}

/**
 * Seed 000 steps ③⑤⑥: match at `start`; when that reaches no provider not yet told that has a bed,
 * widen at once (municipality → region → prefecture). `seed` (the contracted provider of step ③) is
 * told whatever its board says, at whichever scope is reached — but a full contracted provider does
 * not stop the widening: the coordinator sees its answer beside the wider wave.
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
  for (;;) {
    const outcome = await matcher.match(input, scope, now);
    exclusions[scope] = outcome.result.exclusions;
    const recipients = group([...(seed?.result.matches ?? []), ...outcome.result.matches], new Map([...(seed?.units ?? []), ...outcome.units]));
    const fresh = recipients.filter((r) => !alreadyTold.has(r.organisationId));
    const canTake = fresh.filter((r) => !r.full);
    const wider = nextScope(scope);
    if (canTake.length || !wider) {
      steps.push({ scope, providers: fresh.length, organisationIds: fresh.map((r) => r.organisationId) });
      return { scope, recipients, newOrganisations: new Set(fresh.map((r) => r.organisationId)), steps, exclusions, exhausted: !fresh.length };
    }
    steps.push({ scope, providers: 0 });
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
    const r = byOrg.get(m.organisationId) ?? { organisationId: m.organisationId, units: [], contracted: m.contracted, full: true };
    r.units.push({ id: m.unitId, name: units.get(m.unitId)?.name ?? '' });
    r.full &&= m.full;
    byOrg.set(m.organisationId, r);
  }
  return [...byOrg.values()].sort((a, b) => Number(b.contracted) - Number(a.contracted));
}
