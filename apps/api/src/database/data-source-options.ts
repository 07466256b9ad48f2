import type { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/** One definition shared by the app, the migration CLI and the tests. Never `synchronize`. */
export function dataSourceOptions(url: string, extra: Partial<DataSourceOptions> = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    extra: { max: 20, application_name: 'akiwa-api' },
    ...extra,
  } as DataSourceOptions;
}

export interface PoolLimits {
  DB_CONNECT_TIMEOUT_MS: number;
  DB_STATEMENT_TIMEOUT_MS: number;
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: number;
  DB_POOL_MAX: number;
}

/**
 * The app's pool: node-postgres has no timeouts by default, so a stalled server would hang every
 * request. Connecting and waiting for a pooled connection are bounded (connectionTimeoutMillis), every
 * statement is bounded on the server (statement_timeout) and on the client (query_timeout: a frozen
 * server enforces nothing), and a session idle in a transaction is ended by the server.
 */
export function appDataSourceOptions(url: string, limits: PoolLimits): DataSourceOptions {
  return dataSourceOptions(url, {
    extra: {
      max: limits.DB_POOL_MAX,
      application_name: 'akiwa-api',
      connectionTimeoutMillis: limits.DB_CONNECT_TIMEOUT_MS,
      statement_timeout: limits.DB_STATEMENT_TIMEOUT_MS,
      query_timeout: limits.DB_STATEMENT_TIMEOUT_MS + 250,
      idle_in_transaction_session_timeout: limits.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
      keepAlive: true,
    },
  } as Partial<DataSourceOptions>);
}
