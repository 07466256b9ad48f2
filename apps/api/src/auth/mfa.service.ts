import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Secret, TOTP } from 'otpauth';
import { ErrorCode, type MfaEnrolment } from '@akiwa/contracts';
import { AppException } from '../common/errors/app.exception';
import { PersonalDataCipher } from '../common/crypto/personal-data.cipher';
import { CredentialsRepository, type CredentialRow } from './credentials.repository';
import { AuthTexts } from '../common/errors/texts';

const ISSUER = 'Akiwa 空き輪';
const PERIOD = 30;
const RECOVERY_CODES = 10;

export const invalidMfaCode = () =>
  new AppException(ErrorCode.InvalidMfaCode, AuthTexts.invalidMfaCode);

const aad = (userId: string, field: 'totp_secret' | 'totp_pending_secret') => `users:${userId}:${field}`;
const hashCode = (code: string) => createHash('sha256').update(normaliseRecoveryCode(code)).digest('hex');
const normaliseRecoveryCode = (code: string) => code.toLowerCase().replace(/[^a-z0-9]/g, '');

/** 10 random characters from an unambiguous alphabet, shown as xxxxx-xxxxx (about 50 bits). */
function newRecoveryCode(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(10);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

/**
 * TOTP (RFC 6238, 30 s, 6 digits, SHA-1 as every authenticator app supports) with `otpauth`. The
 * secret is encrypted at rest like personal data; an accepted time step is recorded so a code cannot
 * be replayed; recovery codes are stored as hashes and work once.
 */
@Injectable()
export class MfaService {
  constructor(
    private readonly credentials: CredentialsRepository,
    private readonly cipher: PersonalDataCipher,
  ) {}

  private totp(secret: string, label: string) {
    return new TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: 6, period: PERIOD, secret: Secret.fromBase32(secret) });
  }

  /** A new pending secret (the enabled one, if any, stays until the new one is verified). */
  async startEnrolment(user: CredentialRow): Promise<MfaEnrolment> {
    const secret = new Secret({ size: 20 }).base32;
    await this.credentials.setPendingTotp(user.id, this.cipher.encrypt(secret, aad(user.id, 'totp_pending_secret')));
    return { secret, uri: this.totp(secret, user.email).toString() };
  }

  /** Verifies a code against the pending secret; enables it and returns fresh recovery codes (shown once). */
  async completeEnrolment(user: CredentialRow, code: unknown): Promise<string[]> {
    if (!user.totp_pending_secret) throw AppException.invalidField('code', 'no_enrolment', AuthTexts.noMfaEnrolment);
    const secret = this.cipher.decrypt(user.totp_pending_secret, aad(user.id, 'totp_pending_secret'));
    const step = this.matchingStep(secret, user.email, code);
    if (step === null) throw invalidMfaCode();
    const codes = Array.from({ length: RECOVERY_CODES }, newRecoveryCode);
    await this.credentials.enableTotp(user.id, this.cipher.encrypt(secret, aad(user.id, 'totp_secret')), step, codes.map(hashCode));
    return codes;
  }

  /** A current TOTP code (not replayed) or an unused recovery code. */
  async verify(user: CredentialRow, code: unknown): Promise<'totp' | 'recovery' | null> {
    if (!user.totp_secret || typeof code !== 'string' || code.length > 32) return null;
    if (/^\s*\d{6}\s*$/.test(code)) {
      const secret = this.cipher.decrypt(user.totp_secret, aad(user.id, 'totp_secret'));
      const step = this.matchingStep(secret, user.email, code);
      return step !== null && (await this.credentials.claimTotpStep(user.id, step)) ? 'totp' : null;
    }
    return (await this.credentials.useRecoveryCode(user.id, hashCode(code))) ? 'recovery' : null;
  }

  private matchingStep(secret: string, label: string, code: unknown): number | null {
    if (typeof code !== 'string' || !/^\s*\d{6}\s*$/.test(code)) return null;
    const now = Date.now();
    const delta = this.totp(secret, label).validate({ token: code.trim(), timestamp: now, window: 1 });
    return delta === null ? null : Math.floor(now / 1000 / PERIOD) + delta;
  }
}
