import type { EntityManager, DataSource } from 'typeorm';

/**
 * Raw UPDATE/DELETE … RETURNING through TypeORM answers `[rows, affectedCount]` on PostgreSQL
 * while INSERT/SELECT answer `rows`: this returns the rows either way.
 */
export async function returning<T>(db: DataSource | EntityManager, sql: string, params: unknown[] = []): Promise<T[]> {
  const result = await db.query(sql, params);
  return Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number' ? result[0] : result;
}

/**
 * `CHECK (column IN ('a','b'))` from an enum of libs/contracts, for new migrations: the database's
 * list is then the contract's, never a copy (schema-enums.e2e-spec.ts compares the existing ones).
 */
export function enumCheck(column: string, values: Record<string, string> | readonly string[]): string {
  const list = (Array.isArray(values) ? values : Object.values(values)) as string[];
  return `CHECK (${column} IN (${list.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ')}))`;
}

/**
 * Independent reads: at once on the pool, one after another inside a transaction, whose single
 * connection pg would otherwise queue them on (deprecated, refused from pg 9).
 */
export async function readAll<T extends readonly unknown[]>(db: DataSource | EntityManager, reads: { [K in keyof T]: () => Promise<T[K]> }): Promise<T> {
  if (!('queryRunner' in db && db.queryRunner)) return (await Promise.all(reads.map((read) => read()))) as unknown as T;
  const results: unknown[] = [];
  for (const read of reads) results.push(await read());
  return results as unknown as T;
}
