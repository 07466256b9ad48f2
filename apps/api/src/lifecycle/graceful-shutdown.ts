import { Server as NetServer } from 'node:net';
import type { Server as HttpServer } from 'node:http';
import { Logger, type INestApplication } from '@nestjs/common';
import { Lifecycle } from './lifecycle.service';

/**
 * SIGTERM/SIGINT drain, in this order: readiness → 503 and the listening socket closes at once (a new
 * connection is refused, which nginx retries on the other instance — never a reset); pollers stop and
 * sockets are told `server:draining` (Lifecycle listeners); requests in flight finish and their connections
 * close (`Connection: close` on every response from now on; idle keep-alive connections end at the
 * keep-alive timeout the client was told, so no request races a close); after `graceMs` at the latest
 * the app closes and the process exits 0.
 */
export function installGracefulShutdown(app: INestApplication, graceMs: number, afterClose: () => Promise<void>): void {
  const logger = new Logger('Shutdown');
  let started = false;
  const shutdown = async (signal: string) => {
    if (started) return;
    started = true;
    const t0 = Date.now();
    logger.log(`${signal}: draining (grace ${graceMs} ms)`);
    const server = app.getHttpServer() as HttpServer;
    // The flag is set synchronously (responses say `Connection: close` from here on) and the listener
    // closes in the same tick, before the listeners are awaited: a client that saw a `Connection: close`
    // and opens a new connection is refused, never accepted by an instance about to exit.
    const listenersRun = app.get(Lifecycle).startDraining();
    NetServer.prototype.close.call(server); // stop accepting, keep the open connections
    await listenersRun;
    const deadline = t0 + graceMs;
    while (Date.now() < deadline && (await connections(server)) > 0) await new Promise((r) => setTimeout(r, 50));
    const left = await connections(server);
    if (left > 0) logger.warn(`grace period over with ${left} connection(s) open`);
    server.closeAllConnections();
    await app.close().catch((err) => logger.error({ err }, 'close failed'));
    await afterClose().catch(() => undefined);
    logger.log(`drained in ${Date.now() - t0} ms`);
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

function connections(server: HttpServer): Promise<number> {
  return new Promise((resolve) => server.getConnections((err, n) => resolve(err ? 0 : n)));
}
