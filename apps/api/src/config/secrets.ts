import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Env } from './env';

/**
 * Outside production, secrets not given are generated once and kept beside the embedded database,
 * so tokens and encrypted personal data survive restarts. Production must pass them in (checked by loadEnv).
 */
export function resolveDevSecrets(env: Env): { JWT_SECRET: string; PERSONAL_DATA_KEY: string } {
  if (env.JWT_SECRET && env.PERSONAL_DATA_KEY) return { JWT_SECRET: env.JWT_SECRET, PERSONAL_DATA_KEY: env.PERSONAL_DATA_KEY };
  const file = join(env.DATA_DIR, 'dev-secrets.json');
  let stored: { JWT_SECRET?: string; PERSONAL_DATA_KEY?: string } = {};
  if (existsSync(file)) stored = JSON.parse(readFileSync(file, 'utf8'));
  const secrets = {
    JWT_SECRET: env.JWT_SECRET ?? stored.JWT_SECRET ?? randomBytes(48).toString('base64url'),
    PERSONAL_DATA_KEY: env.PERSONAL_DATA_KEY ?? stored.PERSONAL_DATA_KEY ?? randomBytes(32).toString('base64'),
  };
  if (stored.JWT_SECRET !== secrets.JWT_SECRET || stored.PERSONAL_DATA_KEY !== secrets.PERSONAL_DATA_KEY) {
    mkdirSync(env.DATA_DIR, { recursive: true });
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  return secrets;
}
