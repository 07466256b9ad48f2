import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * `ak_<prefix>_<secret>`: 12 hex characters to find the key by, then 32 random bytes (base64url).
 * The whole key is hashed, so neither half alone is worth anything.
 */
const KEY_PATTERN = /^ak_([0-9a-f]{12})_[A-Za-z0-9_-]{43}$/;

export function newApiKey(): { key: string; prefix: string; secretHash: Buffer } {
  const prefix = randomBytes(6).toString('hex');
  const key = `ak_${prefix}_${randomBytes(32).toString('base64url')}`;
  return { key, prefix, secretHash: hashApiKey(key) };
}

export const hashApiKey = (key: string): Buffer => createHash('sha256').update(key).digest();

/** The lookup prefix of a well-formed key, or null. */
export function apiKeyPrefix(key: string): string | null {
  return KEY_PATTERN.exec(key)?.[1] ?? null;
}

export function apiKeyMatches(key: string, secretHash: Buffer): boolean {
  const hash = hashApiKey(key);
  return secretHash.length === hash.length && timingSafeEqual(hash, secretHash);
}
