/**
 * Runs a background pass one at a time: a wake while a pass runs asks for one more pass after it
 * (any number of wakes in between become that one pass), so work committed during a pass is never
 * left for the next poll, and a pass asked for after a change (a test's clock moved) starts after it.
 * Used by the outbox relay, the push and webhook dispatchers and the emergency and escalation pollers.
 */
export class SerialPasses {
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  /** `settled` hears how each run of passes ended: without an error, or with the first one. */
  constructor(
    private readonly pass: () => Promise<void>,
    private readonly settled: (err?: unknown) => void,
  ) {}

  /** Runs a pass now, or once more after the one in progress; resolves when the passes are done. */
  wake(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.pass();
        } while (this.again && !this.stopped);
        this.settled();
      } catch (err) {
        this.settled(err);
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  /** No new pass starts; resolves once the one in progress is done. */
  async stop() {
    this.stopped = true;
    await this.running;
  }
}
