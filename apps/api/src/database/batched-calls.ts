import { Batches } from './batches';

type Waiting<Q, R> = { query: Q; resolve: (r: R) => void; reject: (e: unknown) => void };

/**
 * Calls answered together (see Batches), for requests that are not keys: a range and a set of rooms.
 * The outbox replays of a reconnection storm share a few reads.
 */
export class BatchedCalls<Q, R> extends Batches<Waiting<Q, R>[], R[]> {
  private waiting: Waiting<Q, R>[] = [];

  /** `answer` answers a batch, one result per query in the same order. */
  constructor(
    private readonly answer: (queries: Q[]) => Promise<R[]>,
    concurrency = 2,
    maxBatch = 500,
  ) {
    super(concurrency, maxBatch);
  }

  call(query: Q): Promise<R> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ query, resolve, reject });
      this.next();
    });
  }

  protected take() {
    if (!this.waiting.length) return undefined;
    const batch = this.waiting.slice(0, this.maxBatch);
    this.waiting = this.waiting.slice(batch.length);
    return batch;
  }

  protected run(batch: Waiting<Q, R>[]) {
    return this.answer(batch.map((c) => c.query));
  }

  protected settle(batch: Waiting<Q, R>[], results: R[]) {
    if (results.length !== batch.length) return this.fail(batch, new Error(`a batch of ${batch.length} got ${results.length} answers`));
    batch.forEach((c, i) => c.resolve(results[i]));
  }

  protected fail(batch: Waiting<Q, R>[], error: unknown) {
    for (const c of batch) c.reject(error);
  }
}
