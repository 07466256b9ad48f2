import { QueryFailedError } from 'typeorm';

/** The PostgreSQL error code and constraint of a failed query, to map known constraint violations. */
export function pgError(e: unknown): { code: string; constraint?: string; detail?: string } | null {
  if (!(e instanceof QueryFailedError)) return null;
  const d = e.driverError as { code?: string; constraint?: string; detail?: string };
  return d?.code ? { code: d.code, constraint: d.constraint, detail: d.detail } : null;
}
