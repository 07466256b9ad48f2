import { Client } from 'pg';

/**
 * Which PostgreSQL the tests use: TEST_DATABASE_URL, else DATABASE_URL, else the machine's server on
 * 127.0.0.1:5432, else an embedded one. Returns a URL to a maintenance database on it.
 */
export async function reachable(url: string): Promise<boolean> {
  const c = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
}

/**
 * The personal-data key of this test run (set by the global setup, which seals the template's demo
 * with it): an app reading the demo's names must be started with it.
 */
export function testPersonalDataKey(): string {
  const key = process.env.AKIWA_TEST_PERSONAL_DATA_KEY;
  if (!key) throw new Error('AKIWA_TEST_PERSONAL_DATA_KEY is unset: run the tests through jest (global-setup)');
  return key;
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const c = new Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}
