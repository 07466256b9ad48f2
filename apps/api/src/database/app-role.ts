import type { DataSource } from 'typeorm';
import type { Env } from '../config/env';
import type { DevSecrets } from '../config/secrets';

/** The role the API serves requests with, unless DATABASE_URL names another one (see README "Security"). */
export const DEFAULT_APP_ROLE = 'akiwa_app';

/** Rows the app may add but never change or remove. */
export const APPEND_ONLY_TABLES = ['audit_log', 'audit_log_seals'];
/** Rows the app may only read. */
export const READ_ONLY_TABLES = ['migrations', 'audit_log_keying', 'calendar_units_version', 'unit_nights', 'unit_nights_pending'];

export interface AppRole {
  name: string;
  /** Set (or reset) when given; omitted where the server trusts local connections (tests). */
  password?: string;
}

/** The user and password a postgres:// URL connects with. */
export function roleOf(url: string): AppRole {
  const u = new URL(url);
  return { name: decodeURIComponent(u.username), password: u.password ? decodeURIComponent(u.password) : undefined };
}

/** The same server and database, as another role. */
export function asRole(url: string, role: AppRole): string {
  const u = new URL(url);
  u.username = encodeURIComponent(role.name);
  u.password = role.password ? encodeURIComponent(role.password) : '';
  return u.toString();
}

/**
 * Least privilege for the serving connection. Migrations run as the owner of the schema; the app
 * role owns nothing and may only read and write rows: no DDL (so no ALTER TABLE, no DISABLE TRIGGER,
 * no DROP), no TRIGGER or TRUNCATE privilege, no superuser, no role creation. The audit log is
 * insert-only for it (its seals too), and the migrations table read-only.
 *
 * Roles are global to the PostgreSQL cluster (several databases, and parallel test runs, share one),
 * so the role is created only when missing, tolerating a concurrent creator; the grants are per
 * database and re-applied after every migration run, so new tables are covered.
 */
export async function grantAppRole(db: DataSource, role: AppRole): Promise<void> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(role.name)) throw new Error(`database app role "${role.name}" must be a plain lower-case identifier`);
  const [owner] = await db.query(`SELECT current_user AS name`);
  if (owner.name === role.name) throw new Error(`the app role ${role.name} must not be the migration (owner) role`);
  const r = role.name;
  await retryConcurrentCatalogUpdate(() =>
    db.query(`DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${r}') THEN
        CREATE ROLE ${r} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
      END IF;
    END $$`),
  );
  // an existing role that was given more than it should have is brought back to least privilege
  const [attrs] = await db.query(`SELECT rolsuper OR rolcreatedb OR rolcreaterole OR rolreplication OR rolbypassrls AS excess FROM pg_roles WHERE rolname = $1`, [r]);
  if (attrs.excess) await retryConcurrentCatalogUpdate(() => db.query(`ALTER ROLE ${r} NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS`));
  if (role.password !== undefined) {
    const [{ sql }] = await db.query(`SELECT format('ALTER ROLE %I PASSWORD %L', $1::text, $2::text) AS sql`, [r, role.password]);
    await retryConcurrentCatalogUpdate(() => db.query(sql));
  }
  await retryConcurrentCatalogUpdate(() => db.query(`
    DO $$ BEGIN EXECUTE format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO ${r}', current_database()); END $$;
    REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${r};
    GRANT USAGE ON SCHEMA public TO ${r};
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r};
    REVOKE UPDATE, DELETE ON ${[...APPEND_ONLY_TABLES, ...READ_ONLY_TABLES].join(', ')} FROM ${r};
    REVOKE INSERT ON ${READ_ONLY_TABLES.join(', ')} FROM ${r};
    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${r};
    -- nobody but the owner creates objects in the schema (PostgreSQL 15+ does this already)
    DO $$ BEGIN REVOKE CREATE ON SCHEMA public FROM PUBLIC; EXCEPTION WHEN insufficient_privilege THEN NULL; END $$;
  `));
}

/**
 * Who migrates and who serves. With MIGRATION_DATABASE_URL, migrations run as that (owner) role and
 * the app serves as DATABASE_URL's role. Without it, DATABASE_URL (or the embedded server) is the
 * owner and the app serves as the `akiwa_app` role with APP_DATABASE_PASSWORD. Either way the serving
 * role is created when missing and given only row privileges (grantAppRole).
 */
export function resolveDatabase(raw: Env, secrets: Pick<DevSecrets, 'APP_DATABASE_PASSWORD'>, embeddedUrl?: string): { ownerUrl: string; appUrl: string; appRole: AppRole } {
  if (raw.MIGRATION_DATABASE_URL) {
    const appUrl = raw.DATABASE_URL!;
    return { ownerUrl: raw.MIGRATION_DATABASE_URL, appUrl, appRole: roleOf(appUrl) };
  }
  const ownerUrl = raw.DATABASE_URL ?? embeddedUrl!;
  const appRole = { name: DEFAULT_APP_ROLE, password: secrets.APP_DATABASE_PASSWORD };
  return { ownerUrl, appUrl: asRole(ownerUrl, appRole), appRole };
}

/**
 * Roles and database grants live in shared catalogs: another database of the same cluster (a parallel
 * test run, a second instance) changing the same role at the same moment gets "tuple concurrently
 * updated" or a duplicate role. Such a clash is retried.
 */
async function retryConcurrentCatalogUpdate<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await work();
    } catch (e) {
      const code = (e as { code?: string }).code ?? '';
      if (attempt >= 5 || !['23505', '42710', 'XX000', '40001', '40P01'].includes(code)) throw e;
      await new Promise((r) => setTimeout(r, 20 + Math.random() * 80 * (attempt + 1)));
    }
  }
}
