/**
 * Small-number suppression that cannot be undone by subtraction.
 *
 * A count above zero and below the threshold is withheld as **small** (「3未満」). A published total
 * with all but one of its parts shown gives the missing part away, so a second part — the smallest
 * other non-zero one — is withheld as a **complement** (「秘匿」). Headline totals are only withheld
 * when they are small themselves: a complement is always taken from the parts of a relation, and
 * from a total only when the relation has no other part left to take.
 *
 * "Cannot be undone" is checked, not assumed: a reader who knows the rule knows a small cell is
 * 1…t−1 and a complement is t or more; `disclosedCells` narrows every withheld cell's range through
 * every relation (interval propagation) and reports the cells pinned to one value — two cells of 1
 * with their total shown are as exposed as one. The loop adds complements until none is.
 */
export type WithheldKind = 'small' | 'complement';

/** The primary rule: a count above zero and below the threshold could point at a person. */
export const isSmallCount = (n: number, threshold: number): boolean => n > 0 && n < threshold;

/** A published additive relation: `total` is the sum of `parts` (cells by id). */
export interface CountRelation {
  total: string;
  parts: readonly string[];
}

export interface SuppressionInput {
  /** Every published count by cell id. */
  counts: Readonly<Record<string, number>>;
  relations: readonly CountRelation[];
  threshold: number;
  /**
   * Cells withheld as complements whenever their leader is withheld as small: figures that would
   * describe those few persons (the nights of 2 persons' stays). follower id → leader id.
   */
  follows?: Readonly<Record<string, string>>;
}

/** Which cells to withhold and why; every other cell is published as it is. */
export function suppressCounts({ counts, relations, threshold, follows = {} }: SuppressionInput): Map<string, WithheldKind> {
  for (const r of relations) for (const id of [r.total, ...r.parts]) if (!(id in counts)) throw new Error(`suppression: relation names an unknown cell ${id}`);
  const withheld = new Map<string, WithheldKind>();
  const followers = new Set<string>();
  for (const [id, n] of Object.entries(counts)) if (isSmallCount(n, threshold)) withheld.set(id, 'small');
  // a small total shows every part as small, zeros too (0 is under 3 as well): otherwise 「3未満」 = 「3未満」 + 「3未満」 says 1 + 1
  const mayBeZero = new Set(relations.filter((r) => withheld.get(r.total) === 'small').flatMap((r) => r.parts));
  for (const id of mayBeZero) if (!withheld.has(id)) withheld.set(id, 'small');
  for (const [id, leader] of Object.entries(follows)) {
    if (withheld.get(leader) === 'small' && !withheld.has(id)) {
      withheld.set(id, 'complement');
      followers.add(id);
    }
  }
  const isPart = new Set(relations.flatMap((r) => r.parts));
  const open = (id: string) => !withheld.has(id) && counts[id] > 0;
  const bySize = (ids: string[]) => [...ids].sort((a, b) => counts[a] - counts[b]);
  // the audit over just the cells of some relations: a report has thousands of cells (a prefecture's providers), each relation a few
  const only = (rels: readonly CountRelation[]) => Object.fromEntries([...new Set(rels.flatMap((r) => [r.total, ...r.parts]))].map((id) => [id, counts[id]]));
  const audit = (rels: readonly CountRelation[]) => disclosedCells(only(rels), rels, withheld, threshold, { followers, mayBeZero });
  const pinsAlone = (r: CountRelation, id: string) => audit([r]).includes(id);
  let scope: readonly CountRelation[] = relations;
  /**
   * The cell to withhold next around `exposed`, from the parts of its relations (those with fewest
   * withheld first — a lone one is given away by plain subtraction): the smallest that frees it within
   * that relation (a 1 beside a complement of exactly 3 would still read 1 + 3), else the smallest;
   * with no part left, a total — one that is itself a part elsewhere (a month's total) before a headline.
   */
  const complementFor = (exposed: string): string | undefined => {
    const rels = scope
      .filter((r) => r.total === exposed || r.parts.includes(exposed))
      .map((r) => ({ r, pins: pinsAlone(r, exposed), hidden: [r.total, ...r.parts].filter((id) => withheld.has(id)).length }))
      .sort((a, b) => Number(b.pins) - Number(a.pins) || a.hidden - b.hidden)
      .map((x) => x.r);
    const frees = (r: CountRelation, id: string) => {
      withheld.set(id, 'complement');
      const still = audit([r]).includes(exposed);
      withheld.delete(id);
      return !still;
    };
    for (const r of rels) {
      const pick = bySize(r.parts.filter(open)).find((id) => frees(r, id));
      if (pick !== undefined) return pick;
    }
    const parts = rels.flatMap((r) => bySize(r.parts.filter(open)));
    return parts[0] ?? rels.map((r) => r.total).filter(open).sort((a, b) => Number(isPart.has(b)) - Number(isPart.has(a)))[0];
  };

  // relations that share no cell cannot give each other away: each group (a table with its margins, a
  // provider's row) is mended on its own. Each round withholds one more cell, so this ends; it stops as
  // soon as nothing is exposed. Cells a relation gives away on its own are mended first, where they are
  // given away; the rest often follow.
  for (const group of connected(relations)) {
    scope = group;
    for (;;) {
      const exposed = audit(group);
      const local = (id: string) => group.some((r) => (r.total === id || r.parts.includes(id)) && pinsAlone(r, id));
      const ordered = [...exposed.filter(local), ...exposed.filter((id) => !local(id))];
      const pick = ordered.map(complementFor).find((id) => id !== undefined);
      if (pick === undefined) break;
      withheld.set(pick, 'complement');
    }
  }
  return withheld;
}

/** Relations grouped by the cells they share (union–find over cell ids). */
function connected(relations: readonly CountRelation[]): CountRelation[][] {
  const parent = new Map<string, string>();
  const find = (id: string): string => {
    let root = id;
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root)!;
    parent.set(id, root);
    return root;
  };
  for (const r of relations) for (const id of r.parts) parent.set(find(id), find(r.total));
  const groups = new Map<string, CountRelation[]>();
  for (const r of relations) groups.set(find(r.total), [...(groups.get(find(r.total)) ?? []), r]);
  return [...groups.values()];
}

/**
 * The withheld cells a reader could pin to one value from the published cells and relations,
 * knowing the rule: a small cell is 1…t−1 (0…t−1 as a part of a small total, whose zeros are withheld
 * too), a complement t or more (a follower at least 0 or 1).
 * Each relation narrows its cells' ranges until nothing changes (sound: the true value stays inside).
 */
export function disclosedCells(
  counts: Readonly<Record<string, number>>,
  relations: readonly CountRelation[],
  withheld: ReadonlyMap<string, WithheldKind>,
  threshold: number,
  known: { followers?: ReadonlySet<string>; mayBeZero?: ReadonlySet<string> } = {},
): string[] {
  const followers = known.followers ?? new Set();
  const mayBeZero = known.mayBeZero ?? new Set();
  const lo = new Map<string, number>();
  const hi = new Map<string, number>();
  for (const [id, n] of Object.entries(counts)) {
    const kind = withheld.get(id);
    const [a, b] = kind === undefined ? [n, n] : kind === 'small' ? [mayBeZero.has(id) ? 0 : 1, threshold - 1] : [followers.has(id) ? Math.min(n, 1) : threshold, Infinity];
    lo.set(id, a);
    hi.set(id, b);
  }
  const narrow = (id: string, from: number, to: number): boolean => {
    const a = Math.max(lo.get(id)!, from);
    const b = Math.min(hi.get(id)!, to);
    if (a === lo.get(id) && b === hi.get(id)) return false;
    lo.set(id, a);
    hi.set(id, b);
    return true;
  };
  const sum = (ids: readonly string[], m: Map<string, number>) => ids.reduce((s, id) => s + m.get(id)!, 0);
  // bounds move by whole counts towards the true value, so this settles; the cap only bounds pathological creeping
  for (let round = 0, changed = true; changed && round < 200; round++) {
    changed = false;
    for (const r of relations) {
      if (narrow(r.total, sum(r.parts, lo), sum(r.parts, hi))) changed = true;
      for (const p of r.parts) {
        const others = r.parts.filter((x) => x !== p);
        if (narrow(p, lo.get(r.total)! - sum(others, hi), hi.get(r.total)! - sum(others, lo))) changed = true;
      }
    }
  }
  return Object.keys(counts).filter((id) => withheld.has(id) && lo.get(id) === hi.get(id));
}
