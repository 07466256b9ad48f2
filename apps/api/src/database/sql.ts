import type { EntityManager, DataSource } from 'typeorm';

/**
 * Raw UPDATE/DELETE … RETURNING through TypeORM answers `[rows, affectedCount]` on PostgreSQL
 * while INSERT/SELECT answer `rows`: this returns the rows either way.
 */
export async function returning<T>(db: DataSource | EntityManager, sql: string, params: unknown[] = []): Promise<T[]> {
  const result = await db.query(sql, params);
  return Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number' ? result[0] : result;
}
