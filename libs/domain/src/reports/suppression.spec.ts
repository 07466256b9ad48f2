import { suppressCounts, type CountRelation, type WithheldKind } from './suppression';

const T = 3;

/** A table with its margins: cells r{i}c{j}, row totals r{i}, column totals c{j}, grand total `all`. */
function grid(values: number[][]): { counts: Record<string, number>; relations: CountRelation[] } {
  const counts: Record<string, number> = {};
  const relations: CountRelation[] = [];
  values.forEach((row, i) => row.forEach((v, j) => (counts[`r${i}c${j}`] = v)));
  values.forEach((row, i) => {
    counts[`r${i}`] = row.reduce((a, b) => a + b, 0);
    relations.push({ total: `r${i}`, parts: row.map((_, j) => `r${i}c${j}`) });
  });
  values[0].forEach((_, j) => {
    counts[`c${j}`] = values.reduce((a, row) => a + row[j], 0);
    relations.push({ total: `c${j}`, parts: values.map((_, i) => `r${i}c${j}`) });
  });
  counts.all = values.flat().reduce((a, b) => a + b, 0);
  relations.push({ total: 'all', parts: values.map((_, i) => `r${i}`) }, { total: 'all', parts: values[0].map((_, j) => `c${j}`) });
  return { counts, relations };
}

/**
 * What a reader can recover, found by brute force (independent of the interval reasoning): every
 * assignment of the withheld cells consistent with the published cells and relations, a small cell
 * being 1…t−1 (or 0 as a part of a small total) and any other withheld cell 0 or t…(the largest
 * count); the values each cell can take.
 */
function recoverable(counts: Record<string, number>, relations: CountRelation[], withheld: Map<string, WithheldKind>): Map<string, Set<number>> {
  const hidden = [...withheld.keys()];
  const max = Math.max(...Object.values(counts));
  // a part of a small total may be a withheld zero: the reader cannot tell
  const zeroable = new Set(relations.filter((r) => withheld.get(r.total) === 'small').flatMap((r) => r.parts));
  const range = (id: string) =>
    withheld.get(id) === 'small' ? [zeroable.has(id) ? 0 : 1, 1, 2].filter((n, i, xs) => n < T && xs.indexOf(n) === i) : [0, ...Array.from({ length: max - T + 1 }, (_, i) => T + i)];
  const seen = new Map(hidden.map((id) => [id, new Set<number>()]));
  const value = new Map(Object.entries(counts).filter(([id]) => !withheld.has(id)));
  const min = (id: string) => value.get(id) ?? range(id)[0];
  // a relation fails once its total is known and its parts, at their least, exceed it, or are all known and differ
  const fails = () =>
    relations.some((r) => {
      if (!value.has(r.total)) return false;
      const least = r.parts.reduce((s, p) => s + min(p), 0);
      return least > value.get(r.total)! || (r.parts.every((p) => value.has(p)) && least !== value.get(r.total));
    });
  const done = () => hidden.every((id) => seen.get(id)!.size > 1);
  const walk = (i: number): void => {
    if (fails() || done()) return;
    if (i === hidden.length) return void hidden.forEach((id) => seen.get(id)!.add(value.get(id)!));
    for (const v of range(hidden[i])) {
      value.set(hidden[i], v);
      walk(i + 1);
    }
    value.delete(hidden[i]);
  };
  walk(0);
  return seen;
}

const cases: { name: string; counts: Record<string, number>; relations: CountRelation[]; follows?: Record<string, string>; expected: Record<string, WithheldKind>; shown?: string[] }[] = [
  { name: 'nothing small: nothing withheld', counts: { a: 3, b: 0, t: 3 }, relations: [{ total: 't', parts: ['a', 'b'] }], expected: {} },
  {
    name: 'a lone small part: the smallest other part goes with it, the total stays',
    counts: { a: 1, b: 5, c: 7, t: 13 },
    relations: [{ total: 't', parts: ['a', 'b', 'c'] }],
    expected: { a: 'small', b: 'complement' },
  },
  {
    name: 'a zero is never the complement (it would say nothing)',
    counts: { a: 1, b: 0, c: 4, t: 5 },
    relations: [{ total: 't', parts: ['a', 'b', 'c'] }],
    expected: { a: 'small', c: 'complement' },
  },
  {
    name: 'two ones and their total shown: their sum 2 gives both away, so a third part goes',
    counts: { a: 1, b: 1, c: 6, t: 8 },
    relations: [{ total: 't', parts: ['a', 'b', 'c'] }],
    expected: { a: 'small', b: 'small', c: 'complement' },
  },
  {
    name: 'a 1 beside a complement of exactly 3 would read 1 + 3 = 4: the next larger part is taken',
    counts: { a: 1, b: 3, c: 9, t: 13 },
    relations: [{ total: 't', parts: ['a', 'b', 'c'] }],
    expected: { a: 'small', c: 'complement' },
  },
  {
    name: 'a small total is withheld with its parts',
    counts: { a: 1, b: 1, t: 2 },
    relations: [{ total: 't', parts: ['a', 'b'] }],
    expected: { a: 'small', b: 'small', t: 'small' },
  },
  {
    name: 'a small total withholds its zero parts too, so 3未満 + 3未満 = 3未満 does not say 1 + 1',
    counts: { a: 1, b: 0, c: 1, t: 2 },
    relations: [{ total: 't', parts: ['a', 'b', 'c'] }],
    expected: { a: 'small', b: 'small', c: 'small', t: 'small' },
  },
  {
    name: 'nights follow the placements they describe, and their own total is protected too',
    counts: { pa: 2, pb: 5, pc: 6, p: 13, na: 7, nb: 20, nc: 30, n: 57 },
    relations: [
      { total: 'p', parts: ['pa', 'pb', 'pc'] },
      { total: 'n', parts: ['na', 'nb', 'nc'] },
    ],
    follows: { na: 'pa', nb: 'pb', nc: 'pc', n: 'p' },
    expected: { pa: 'small', pb: 'complement', na: 'complement', nb: 'complement' },
  },
  {
    // months × outcomes as the report has it: the headline 33 stays, inner cells are withheld instead
    name: 'a table with both margins: the grand total 33 stays shown',
    ...grid([
      [4, 1, 3],
      [5, 4, 0],
      [3, 6, 7],
    ]),
    expected: { r0c1: 'small', r0c0: 'complement', r1c1: 'complement', r1c0: 'complement', r2c0: 'complement', r2c1: 'complement' },
    shown: ['all', 'r0', 'r1', 'r2', 'c0', 'c1', 'c2'],
  },
  {
    name: 'several small cells over rows and columns',
    ...grid([
      [1, 6, 3],
      [5, 2, 4],
      [0, 3, 1],
    ]),
    expected: {},
    shown: ['all'],
  },
];

describe('small-number suppression that cannot be undone', () => {
  it.each(cases)('$name', ({ counts, relations, follows, expected, shown }) => {
    const withheld = suppressCounts({ counts, relations, threshold: T, follows });
    // exactly these cells (a case with only `shown` leaves the choice free and checks the guarantees)
    if (Object.keys(expected).length || !shown) expect(Object.fromEntries(withheld)).toEqual(expected);
    for (const id of shown ?? []) expect([id, withheld.has(id)]).toEqual([id, false]);
    // every small count is withheld; every published cell is exact (nothing else to check: it is the count)
    for (const [id, n] of Object.entries(counts)) if (n > 0 && n < T) expect([id, withheld.get(id)]).toEqual([id, 'small']);
    // no recovery by subtraction: no row or column has exactly one withheld cell
    for (const r of relations) expect([r.total, [r.total, ...r.parts].filter((id) => withheld.has(id)).length]).not.toEqual([r.total, 1]);
    // and no withheld cell can be pinned to one value by any reasoning over the published figures
    for (const [id, values] of recoverable(counts, relations, withheld)) {
      expect([id, values.size > 1]).toEqual([id, true]);
    }
  });

  it('refuses a relation over a cell it does not know', () => {
    expect(() => suppressCounts({ counts: { a: 1 }, relations: [{ total: 'x', parts: ['a'] }], threshold: T })).toThrow(/unknown cell x/);
  });
});
