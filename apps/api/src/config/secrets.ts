import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import webPush from 'web-push';
import type { Env } from './env';

let vapidPair: { publicKey: string; privateKey: string } | undefined;
/** The two halves of one VAPID key pair (generated together). */
const vapid = () => (vapidPair ??= webPush.generateVAPIDKeys());

/** Every secret the API needs, and how a development one is generated. */
const GENERATORS = {
  JWT_SECRET: () => randomBytes(48).toString('base64url'),
  PERSONAL_DATA_KEY: () => randomBytes(32).toString('base64'),
  /** HMAC key sealing the audit chain: outside the database, so its owner cannot re-seal a rewrite. */
  AUDIT_HMAC_KEY: () => randomBytes(32).toString('base64'),
  /** Password of the least-privilege role the app serves with (when DATABASE_URL is the owner). */
  APP_DATABASE_PASSWORD: () => randomBytes(24).toString('base64url'),
  /** Web Push: the key pair that signs VAPID tokens (RFC 8292). */
  VAPID_PUBLIC_KEY: () => vapid().publicKey,
  VAPID_PRIVATE_KEY: () => vapid().privateKey,
};

export type DevSecrets = Record<keyof typeof GENERATORS, string>;

/**
 * Outside production, secrets not given are generated once and kept beside the embedded database,
 * so tokens and encrypted personal data survive restarts. Production must pass them in (checked by loadEnv).
 */
export function resolveDevSecrets(env: Env): DevSecrets {
  const names = Object.keys(GENERATORS) as (keyof DevSecrets)[];
  if (names.every((k) => env[k])) return Object.fromEntries(names.map((k) => [k, env[k]!])) as DevSecrets;
  const file = join(env.DATA_DIR, 'dev-secrets.json');
  let stored: Partial<DevSecrets> = {};
  if (existsSync(file)) stored = JSON.parse(readFileSync(file, 'utf8'));
  const secrets = Object.fromEntries(names.map((k) => [k, env[k] ?? stored[k] ?? GENERATORS[k]()])) as DevSecrets;
  if (names.some((k) => stored[k] !== secrets[k])) {
    mkdirSync(env.DATA_DIR, { recursive: true });
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  return secrets;
}
