import { Batches } from './batches';

type Callers<V> = { resolve: (v: V | undefined) => void; reject: (e: unknown) => void }[];

/**
 * Lookups by key answered together (see Batches), each key once per batch. A storm — a thousand
 * sockets reconnecting to the instance that survived, each asking whether its session is live — is
 * then a few dozen queries and pool checkouts instead of a thousand.
 */
export class BatchedLookup<K, V> extends Batches<Map<K, Callers<V>>, Map<K, V>> {
  private readonly waiting = new Map<K, Callers<V>>();

  /** `fetch` answers a batch of distinct keys; a key missing from its map answers `undefined`. */
  constructor(
    private readonly fetch: (keys: K[]) => Promise<Map<K, V>>,
    concurrency = 2,
    maxBatch = 500,
  ) {
    super(concurrency, maxBatch);
  }

  get(key: K): Promise<V | undefined> {
    return new Promise((resolve, reject) => {
      const callers = this.waiting.get(key);
      if (callers) callers.push({ resolve, reject });
      else this.waiting.set(key, [{ resolve, reject }]);
      this.next();
    });
  }

  protected take() {
    if (!this.waiting.size) return undefined;
    const batch = new Map<K, Callers<V>>();
    for (const [key, callers] of this.waiting) {
      if (batch.size >= this.maxBatch) break;
      batch.set(key, callers);
    }
    for (const key of batch.keys()) this.waiting.delete(key);
    return batch;
  }

  protected run(batch: Map<K, Callers<V>>) {
    return this.fetch([...batch.keys()]);
  }

  protected settle(batch: Map<K, Callers<V>>, found: Map<K, V>) {
    for (const [key, callers] of batch) for (const c of callers) c.resolve(found.get(key));
  }

  protected fail(batch: Map<K, Callers<V>>, error: unknown) {
    for (const callers of batch.values()) for (const c of callers) c.reject(error);
  }
}
