import { Injectable } from '@nestjs/common';

/**
 * Whether this instance is draining (SIGTERM received): readiness answers 503 at once, pollers stop
 * claiming work, sockets are told to reconnect elsewhere. Features register what to stop with onDrain.
 */
@Injectable()
export class Lifecycle {
  private drainingSince: number | null = null;
  private readonly listeners: Array<() => void | Promise<void>> = [];

  get draining(): boolean {
    return this.drainingSince !== null;
  }

  onDrain(listener: () => void | Promise<void>): void {
    this.listeners.push(listener);
  }

  /** Idempotent; resolves when every listener has run (their failures are swallowed). */
  async startDraining(): Promise<void> {
    if (this.drainingSince !== null) return;
    this.drainingSince = Date.now();
    await Promise.all(this.listeners.map(async (l) => l()).map((p) => p.catch(() => undefined)));
  }
}
