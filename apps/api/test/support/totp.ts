import { Secret, TOTP } from 'otpauth';

/** The code an authenticator app would show now (or `offset` 30-second steps away), computed with the server's library. */
export function totpCode(secret: string, offset = 0): string {
  return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({ timestamp: Date.now() + offset * 30_000 });
}
