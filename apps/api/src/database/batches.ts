/**
 * What BatchedCalls and BatchedLookup share, like group commit: the first batches go at once, and
 * what arrives while `concurrency` of them are under way waits, then goes as one batch (at most
 * `maxBatch`). An idle instance answers a lone call as fast as without batching; a storm costs a few
 * runs instead of one each. Nothing is cached: every answer comes from a run started after its call.
 */
export abstract class Batches<B, A> {
  private running = 0;

  constructor(
    private readonly concurrency: number,
    protected readonly maxBatch: number,
  ) {}

  /** Takes the next batch of what waits, or undefined when nothing does. */
  protected abstract take(): B | undefined;
  protected abstract run(batch: B): Promise<A>;
  /** Answers every caller of the batch. */
  protected abstract settle(batch: B, answer: A): void;
  protected abstract fail(batch: B, error: unknown): void;

  protected next() {
    while (this.running < this.concurrency) {
      const batch = this.take();
      if (batch === undefined) return;
      this.running++;
      let answer: Promise<A>;
      try {
        answer = this.run(batch);
      } catch (e) {
        answer = Promise.reject(e);
      }
      answer
        .then(
          (a) => this.settle(batch, a),
          (error: unknown) => this.fail(batch, error),
        )
        .finally(() => {
          this.running--;
          this.next();
        });
    }
  }
}
