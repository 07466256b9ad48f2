import { ErrorCode, type ApiErrorBody } from '@akiwa/contracts';
import { HttpTexts } from '../errors/texts';

export interface AdmissionLimits {
  /** Requests worked on at once; beyond this they wait in the queue. */
  maxInFlight: number;
  /** Requests waiting; beyond this a request is refused at once. */
  maxQueue: number;
  /** A request that waited this long is refused instead of served late. */
  maxQueueWaitMs: number;
}

export type ShedReason = 'queue_full' | 'queue_timeout';

interface Waiter {
  admit(): void;
  timer: NodeJS.Timeout;
}

/**
 * A bounded queue in front of the API: at most `maxInFlight` requests are worked on, at most
 * `maxQueue` wait, none waits longer than `maxQueueWaitMs`. Beyond capacity a request is refused
 * at once (503 + Retry-After) instead of joining a backlog that makes every answer seconds late —
 * the requests that are accepted keep their latency, and the client knows to come back.
 */
export class AdmissionGate {
  private running = 0;
  private readonly waiting: Waiter[] = [];
  readonly shed: Record<ShedReason, number> = { queue_full: 0, queue_timeout: 0 };

  constructor(readonly limits: AdmissionLimits) {}

  get inFlight(): number {
    return this.running;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /**
   * Calls `admit` now or when a place frees up, or `refuse` with the reason. Returns a function that
   * gives the place back (or leaves the queue, e.g. when the client went away); idempotent.
   */
  enter(admit: () => void, refuse: (reason: ShedReason) => void): () => void {
    let state: 'waiting' | 'running' | 'done' = 'waiting';
    const start = () => {
      state = 'running';
      this.running++;
      admit();
    };
    const release = () => {
      if (state === 'running') {
        this.running--;
        this.next();
      } else if (state === 'waiting') {
        const i = this.waiting.indexOf(waiter);
        if (i >= 0) {
          this.waiting.splice(i, 1);
          clearTimeout(waiter.timer);
        }
      }
      state = 'done';
    };
    const waiter: Waiter = { admit: start, timer: undefined as unknown as NodeJS.Timeout };
    if (this.running < this.limits.maxInFlight) {
      start();
      return release;
    }
    if (this.waiting.length >= this.limits.maxQueue) {
      state = 'done';
      this.refuse(refuse, 'queue_full');
      return release;
    }
    waiter.timer = setTimeout(() => {
      const i = this.waiting.indexOf(waiter);
      if (i < 0) return;
      this.waiting.splice(i, 1);
      state = 'done';
      this.refuse(refuse, 'queue_timeout');
    }, this.limits.maxQueueWaitMs);
    waiter.timer.unref();
    this.waiting.push(waiter);
    return release;
  }

  private next() {
    while (this.running < this.limits.maxInFlight && this.waiting.length) {
      const waiter = this.waiting.shift()!;
      clearTimeout(waiter.timer);
      waiter.admit();
    }
  }

  private refuse(refuse: (reason: ShedReason) => void, reason: ShedReason) {
    this.shed[reason]++;
    refuse(reason);
  }
}

/** Seconds a refused client is asked to wait: long enough for a burst to drain, short for a person. */
export const OVERLOAD_RETRY_AFTER_SECONDS = 1;

export function overloadBody(requestId?: string): ApiErrorBody {
  return {
    status: 503,
    code: ErrorCode.ServiceUnavailable,
    message: HttpTexts.overloaded,
    details: [],
    requestId,
  };
}

type Req = { path: string; headers: Record<string, string | string[] | undefined> };
type Res = {
  statusCode: number;
  setHeader(k: string, v: string): void;
  end(body: string): void;
  once(e: 'close', f: () => void): void;
};

/** Health and metrics answer even when the API is saturated: they are how operators see it. */
const exempt = (path: string) => !path.startsWith('/api/') || path.startsWith('/api/health') || path.startsWith('/api/metrics');

/** Express middleware: every API request passes the gate before any other work is spent on it. */
export function admissionControl(gate: AdmissionGate) {
  return (req: Req, res: Res, next: () => void) => {
    if (exempt(req.path)) return next();
    const release = gate.enter(next, () => {
      const id = req.headers['x-request-id'];
      res.statusCode = 503;
      res.setHeader('Retry-After', String(OVERLOAD_RETRY_AFTER_SECONDS));
      res.setHeader('Content-Type', 'application/json; charset=utf-8');
      res.end(JSON.stringify(overloadBody(typeof id === 'string' ? id.slice(0, 64) : undefined)));
    });
    // 'close' comes after the response finished or when the client went away while queued
    res.once('close', release);
  };
}
