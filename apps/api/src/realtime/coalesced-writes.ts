import type { Socket as NetSocket } from 'node:net';
import type { Server } from 'socket.io';

type EngineSocket = Parameters<Parameters<Server['engine']['on']>[1]>[0];
interface Sending {
  name: string;
  send(packets: unknown[]): void;
  close(fn?: () => void): void;
}
/** engine.io's queue of send callbacks: one entry per flush, one taken per `drain` (untyped internals). */
interface Flushing {
  sentCallbackFn: (((transport: unknown) => void)[] | null)[];
}

/** The connections whose frames wait for the end of the running batch (see inOneWrite); null outside one. */
let held: (() => void)[] | null = null;

/**
 * Runs `emits` (synchronous) so that each connection's frames of all its emits leave in one write at
 * its end, instead of one write per frame. The relay delivers a pass of events to hundreds of sockets
 * each: without this every delivery was its own `writev` (42 % of the API's CPU in the
 * sustained-updates profile). Nothing waits for a timer: the frames are written when `emits` returns,
 * in order; a batch inside a batch joins the outer one.
 */
export function inOneWrite<T>(emits: () => T): T {
  if (held) return emits();
  const batch: (() => void)[] = [];
  held = batch;
  try {
    return emits();
  } finally {
    held = null;
    for (const release of batch) release();
  }
}

/**
 * Every frame socket.io sends over a WebSocket is its own write: ws corks and uncorks the TCP socket
 * around each frame, so each is a `writev` system call, and on loopback or a busy host a wake-up of
 * the reader too. A replay of 1,000 missed events was 1,000 writes, and `writev` was the largest
 * single item of the API's CPU profile in the event-replay and failover benchmarks (about a fifth of
 * the samples). engine.io already queues what is emitted while a write is under way and hands the
 * queue to the transport in one call; here the TCP socket is corked for that call, so the queued
 * frames leave in one write. A lone frame is written at once, as before (no added delay), unless it
 * is emitted inside inOneWrite; order and bytes are unchanged.
 */
export function coalesceWrites(server: Server): void {
  server.engine.on('connection', (conn: EngineSocket) => {
    const transport = conn.transport as unknown as Sending;
    const raw = conn.request?.socket as NetSocket | undefined;
    // websocket only (the gateway's transports); a long-polling response is one write already
    if (transport?.name !== 'websocket' || !raw || typeof raw.cork !== 'function') return;
    const send = transport.send.bind(transport);
    const corked = (packets: unknown[]) => {
      if (packets.length < 2 || raw.destroyed) return send(packets);
      raw.cork();
      try {
        send(packets);
      } finally {
        raw.uncork();
      }
    };
    let waiting: unknown[] | null = null;
    let flushes = 0;
    const release = () => {
      const packets = waiting;
      if (!packets) return;
      waiting = null;
      // engine.io queued one callback entry per flush and takes one per write: the batch's are one write now
      const queue = (conn as unknown as Flushing).sentCallbackFn;
      if (flushes > 1 && queue.length >= flushes) {
        const merged = queue.splice(queue.length - flushes).flatMap((fns) => fns ?? []);
        queue.push(merged.length ? merged : null);
      }
      flushes = 0;
      corked(packets);
    };
    transport.send = (packets) => {
      if (!held) return corked(packets);
      // engine.io flushes each emit at once while the transport is writable: keep them for the batch's end
      if (!waiting) {
        waiting = [];
        held.push(release);
      }
      for (const p of packets) waiting.push(p);
      flushes++;
    };
    // a close within a batch (after its frames) must not overtake them
    const close = transport.close.bind(transport);
    transport.close = (fn) => {
      release();
      close(fn);
    };
  });
}
