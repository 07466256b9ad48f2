import type { QueryClient } from '@tanstack/react-query';
import type { ReplayResult } from '@akiwa/contracts';

/** What the event stream needs of the socket: socket.io's emitWithAck with a timeout. */
export interface ReplaySocket {
  timeout(ms: number): { emitWithAck(event: 'events:replay', request: { after: number }): Promise<{ ok: boolean; data?: ReplayResult }> };
}

/**
 * The client side of the durable event stream: the last event id seen, the subscriptions to renew
 * after a reconnection, and the catch-up (renew, then `events:replay`; the replayed events reach the
 * ordinary handlers, which patch the caches). Every query is refetched only when the server cannot
 * replay the gap (`reset`: older than its retention) or the replay failed.
 */
export class EventStream {
  /** The last durable event id seen (0: none yet). */
  lastEventId = 0;
  private readonly resubscribers = new Set<() => Promise<void>>();
  private readonly stale = new WeakSet<object>();

  constructor(private readonly queryClient: QueryClient) {}

  /** Handshake fields: where the stream stands for this client (server-side this holds live events back until the replay). */
  auth(): { lastEventId?: number } {
    return this.lastEventId > 0 ? { lastEventId: this.lastEventId } : {};
  }

  /** Every incoming server event passes here (socket.onAny), before its handlers. */
  seen(payload: unknown): void {
    const id = (payload as { eventId?: unknown } | null)?.eventId;
    if (typeof id !== 'number') return;
    if (id > this.lastEventId) this.lastEventId = id;
    else this.stale.add(payload as object);
  }

  /**
   * Whether an event arrived at or below the last id seen: already applied, or older than what was,
   * so its handlers skip it. The server sends each event once and in order; this keeps a slip there
   * from putting older data over newer.
   */
  isStale = (payload: unknown): boolean => typeof payload === 'object' && payload !== null && this.stale.has(payload);

  /** Registers what must be joined again before the replay; returns the unregister function. */
  onResubscribe = (resubscribe: () => Promise<void>): (() => void) => {
    this.resubscribers.add(resubscribe);
    return () => void this.resubscribers.delete(resubscribe);
  };

  /** After `session:ready`: the first one tells where the stream stands; a later one catches up. */
  async ready(socket: ReplaySocket, streamHead: number, reconnection: boolean): Promise<void> {
    if (!reconnection) {
      this.lastEventId = Math.max(this.lastEventId, streamHead);
      return;
    }
    if (this.lastEventId === 0) {
      await this.queryClient.invalidateQueries();
      return;
    }
    try {
      await Promise.all([...this.resubscribers].map((r) => r()));
      const result = await socket.timeout(15_000).emitWithAck('events:replay', { after: this.lastEventId });
      if (!result.ok || !result.data || result.data.reset) await this.queryClient.invalidateQueries();
      else this.lastEventId = Math.max(this.lastEventId, result.data.lastEventId);
    } catch {
      await this.queryClient.invalidateQueries();
    }
  }
}
