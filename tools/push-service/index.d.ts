import type { IncomingHttpHeaders } from 'node:http';

/** One request the stand-in push service accepted (RFC 8030), with its payload decrypted (RFC 8291). */
export interface ReceivedPush {
  device: string;
  headers: IncomingHttpHeaders;
  /** The VAPID JWT's claims, after its signature was verified with the key in the header (RFC 8292). */
  vapid: { aud: string; exp: number; sub: string; publicKey: string };
  payload: { title: string; body: string; url: string; tag?: string; urgent?: boolean };
  /** Date.now() when accepted. */
  at: number;
  /** performance.timeOrigin + performance.now() when accepted (the benchmarks' clock). */
  t: number;
}

export interface Device {
  name: string;
  subscription: { endpoint: string; keys: { p256dh: string; auth: string } };
}

export interface PushService {
  base: string;
  cert: string;
  received: ReceivedPush[];
  refusals: string[];
  /** maxInFlight: the most requests open at once (what a sender's concurrency bound shows as). */
  counts: { accepted: number; refused: number; bad: number; inFlight: number; maxInFlight: number };
  device(name: string): Device;
  markGone(name: string): void;
  next(pred: (p: ReceivedPush) => boolean, ms?: number): Promise<ReceivedPush>;
  close(): Promise<void>;
}

export function startPushService(options?: { trustInThisProcess?: boolean; keep?: boolean; onPush?: (p: ReceivedPush) => void }): Promise<PushService>;
