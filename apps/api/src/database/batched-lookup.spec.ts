import { BatchedLookup } from './batched-lookup';

/** A fetch whose calls the test answers by hand. */
function manualFetch() {
  const calls: { keys: string[]; resolve: (m: Map<string, number>) => void; reject: (e: unknown) => void }[] = [];
  const fetch = (keys: string[]) => new Promise<Map<string, number>>((resolve, reject) => calls.push({ keys, resolve, reject }));
  return { calls, fetch };
}
const answer = (keys: string[]) => new Map(keys.map((k) => [k, Number(k.slice(1))]));

describe('BatchedLookup', () => {
  it('sends a lone lookup at once, and what arrives meanwhile as one batch after it', async () => {
    const { calls, fetch } = manualFetch();
    const lookup = new BatchedLookup(fetch, 1);
    const first = lookup.get('k1');
    expect(calls.map((c) => c.keys)).toEqual([['k1']]);
    const later = ['k2', 'k3', 'k2', 'k4'].map((k) => lookup.get(k));
    expect(calls).toHaveLength(1); // nothing sent before the first query is answered
    calls[0].resolve(answer(calls[0].keys));
    expect(await first).toBe(1);
    await Promise.resolve();
    // every key that arrived while it ran, once: each is answered by a query sent after it arrived
    expect(calls.map((c) => c.keys)).toEqual([['k1'], ['k2', 'k3', 'k4']]);
    calls[1].resolve(new Map([['k2', 2], ['k4', 4]]));
    expect(await Promise.all(later)).toEqual([2, undefined, 2, 4]);
  });

  it('runs up to `concurrency` queries at once and bounds a batch', async () => {
    const { calls, fetch } = manualFetch();
    const lookup = new BatchedLookup(fetch, 2, 3);
    const all = Array.from({ length: 8 }, (_, i) => lookup.get(`k${i}`));
    expect(calls.map((c) => c.keys)).toEqual([['k0'], ['k1']]);
    calls[0].resolve(answer(calls[0].keys));
    await new Promise((r) => setImmediate(r));
    expect(calls.map((c) => c.keys)).toEqual([['k0'], ['k1'], ['k2', 'k3', 'k4']]);
    calls[1].resolve(answer(calls[1].keys));
    await new Promise((r) => setImmediate(r));
    expect(calls[3].keys).toEqual(['k5', 'k6', 'k7']);
    calls[2].resolve(answer(calls[2].keys));
    calls[3].resolve(answer(calls[3].keys));
    expect(await Promise.all(all)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('fails every caller of a failed query, and keeps working afterwards', async () => {
    const { calls, fetch } = manualFetch();
    const lookup = new BatchedLookup(fetch, 1);
    const first = lookup.get('k1');
    const second = lookup.get('k2');
    calls[0].reject(new Error('database unavailable'));
    await expect(first).rejects.toThrow('database unavailable');
    await new Promise((r) => setImmediate(r));
    calls[1].reject(new Error('still unavailable'));
    await expect(second).rejects.toThrow('still unavailable');
    const third = lookup.get('k3');
    calls[2].resolve(answer(['k3']));
    expect(await third).toBe(3);
  });
});
