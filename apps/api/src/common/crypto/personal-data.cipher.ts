import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
const HEADER_BYTES = 1 + IV_BYTES + TAG_BYTES;

export class PersonalDataDecryptError extends Error {}

/**
 * AES-256-GCM for personal data at rest (要配慮個人情報: strong encryption is what spares a leak from
 * being reportable). The key comes from configuration, never from the database.
 *
 * Blob layout: [key id: 1 byte][IV: 12 random bytes][auth tag: 16 bytes][ciphertext]. The key id lets
 * a rotated key decrypt old rows while new rows use the current key. The caller's `aad` (e.g. the
 * request id) is authenticated too, so a ciphertext copied onto another row does not decrypt.
 */
export class PersonalDataCipher {
  constructor(
    private readonly keys: ReadonlyMap<number, Buffer>,
    /** The key id new blobs are written with (their first byte). */
    readonly currentKeyId: number,
  ) {
    for (const [id, key] of keys) {
      if (!Number.isInteger(id) || id < 0 || id > 255) throw new Error(`personal data key id ${id} must be one byte`);
      if (key.length !== KEY_BYTES) throw new Error(`personal data key ${id} must be ${KEY_BYTES} bytes`);
    }
    if (!keys.has(currentKeyId)) throw new Error(`no personal data key with id ${currentKeyId}`);
  }

  /** The configured key is key 1; a rotation adds key 2 as current and keeps 1 for reading. */
  static fromBase64(current: string, previous: Record<number, string> = {}): PersonalDataCipher {
    const keys = new Map<number, Buffer>(Object.entries(previous).map(([id, k]) => [Number(id), Buffer.from(k, 'base64')]));
    const currentId = keys.size ? Math.max(...keys.keys()) + 1 : 1;
    keys.set(currentId, Buffer.from(current, 'base64'));
    return new PersonalDataCipher(keys, currentId);
  }

  encrypt(plaintext: string, aad: string): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.currentKeyId)!, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(aad, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from([this.currentKeyId]), iv, cipher.getAuthTag(), body]);
  }

  decrypt(blob: Buffer, aad: string): string {
    if (blob.length < HEADER_BYTES) throw new PersonalDataDecryptError('personal data blob too short');
    const key = this.keys.get(blob[0]);
    if (!key) throw new PersonalDataDecryptError(`unknown personal data key id ${blob[0]}`);
    const decipher = createDecipheriv('aes-256-gcm', key, blob.subarray(1, 1 + IV_BYTES), { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(blob.subarray(1 + IV_BYTES, HEADER_BYTES));
    try {
      return Buffer.concat([decipher.update(blob.subarray(HEADER_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new PersonalDataDecryptError('personal data failed authentication (wrong key, wrong row or tampered)');
    }
  }

  /**
   * A keyed blind index (HMAC-SHA256 under a key derived from the current personal-data key with
   * HKDF) of an already normalised value: equal values give equal indexes, so the database can find
   * a name without holding it, and without the key nobody can test guesses against the index.
   * Derived from the current key: after a key rotation the indexes must be rebuilt (see README).
   */
  blindIndex(purpose: string, normalised: string): Buffer {
    const key = Buffer.from(hkdfSync('sha256', this.keys.get(this.currentKeyId)!, Buffer.alloc(0), `akiwa blind index ${purpose}`, 32));
    return createHmac('sha256', key).update(normalised, 'utf8').digest();
  }

  encryptJson(value: unknown, aad: string): Buffer {
    return this.encrypt(JSON.stringify(value), aad);
  }

  decryptJson<T>(blob: Buffer, aad: string): T {
    return JSON.parse(this.decrypt(blob, aad)) as T;
  }
}

/** `1:base64,2:base64` → { 1: base64, 2: base64 } */
export function parsePreviousKeys(list: string | undefined): Record<number, string> {
  return Object.fromEntries(
    (list ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .map((s) => {
        const i = s.indexOf(':');
        return [Number(s.slice(0, i)), s.slice(i + 1)];
      }),
  );
}

/**
 * The configured cipher: PERSONAL_DATA_KEY under id PERSONAL_DATA_KEY_ID writes; the keys in
 * PERSONAL_DATA_PREVIOUS_KEYS still read blobs written before a rotation.
 */
export function personalDataCipher(env: { PERSONAL_DATA_KEY: string; PERSONAL_DATA_KEY_ID?: number; PERSONAL_DATA_PREVIOUS_KEYS?: string }): PersonalDataCipher {
  const keys = new Map<number, Buffer>(Object.entries(parsePreviousKeys(env.PERSONAL_DATA_PREVIOUS_KEYS)).map(([id, k]) => [Number(id), Buffer.from(k, 'base64')]));
  const id = env.PERSONAL_DATA_KEY_ID ?? 1;
  keys.set(id, Buffer.from(env.PERSONAL_DATA_KEY, 'base64'));
  return new PersonalDataCipher(keys, id);
}
