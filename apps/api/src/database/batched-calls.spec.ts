import { BatchedCalls } from './batched-calls';

/** A run whose calls the test answers by hand. */
function manualRun() {
  const runs: { queries: number[]; resolve: (r: string[]) => void; reject: (e: unknown) => void }[] = [];
  const run = (queries: number[]) => new Promise<string[]>((resolve, reject) => runs.push({ queries, resolve, reject }));
  return { runs, run };
}
const answer = (queries: number[]) => queries.map((q) => `answer ${q}`);
const tick = () => new Promise((r) => setImmediate(r));

describe('BatchedCalls', () => {
  it('runs a lone call at once, and what arrives meanwhile as one batch after it, each answered in turn', async () => {
    const { runs, run } = manualRun();
    const calls = new BatchedCalls(run, 1);
    const first = calls.call(1);
    expect(runs.map((r) => r.queries)).toEqual([[1]]);
    const later = [2, 3, 2].map((q) => calls.call(q));
    expect(runs).toHaveLength(1); // nothing runs before the first is answered
    runs[0].resolve(answer(runs[0].queries));
    expect(await first).toBe('answer 1');
    await tick();
    // every call that arrived while it ran, in arrival order (equal queries are the caller's business)
    expect(runs.map((r) => r.queries)).toEqual([[1], [2, 3, 2]]);
    runs[1].resolve(['a', 'b', 'c']);
    expect(await Promise.all(later)).toEqual(['a', 'b', 'c']);
  });

  it('runs up to `concurrency` batches at once and bounds a batch', async () => {
    const { runs, run } = manualRun();
    const calls = new BatchedCalls(run, 2, 3);
    const all = Array.from({ length: 8 }, (_, i) => calls.call(i));
    expect(runs.map((r) => r.queries)).toEqual([[0], [1]]);
    runs[0].resolve(answer(runs[0].queries));
    await tick();
    expect(runs.map((r) => r.queries)).toEqual([[0], [1], [2, 3, 4]]);
    runs[1].resolve(answer(runs[1].queries));
    await tick();
    expect(runs[3].queries).toEqual([5, 6, 7]);
    runs[2].resolve(answer(runs[2].queries));
    runs[3].resolve(answer(runs[3].queries));
    expect(await Promise.all(all)).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((q) => `answer ${q}`));
  });

  it('fails every call of a failed or miscounted run, and keeps working afterwards', async () => {
    const { runs, run } = manualRun();
    const calls = new BatchedCalls(run, 1);
    const first = calls.call(1);
    const second = [calls.call(2), calls.call(3)];
    runs[0].reject(new Error('database unavailable'));
    await expect(first).rejects.toThrow('database unavailable');
    await tick();
    runs[1].resolve(['only one']);
    await expect(Promise.all(second)).rejects.toThrow('a batch of 2 got 1 answers');
    await expect(second[1]).rejects.toThrow('a batch of 2 got 1 answers');
    const third = calls.call(4);
    await tick();
    runs[2].resolve(answer([4]));
    expect(await third).toBe('answer 4');
  });
});
