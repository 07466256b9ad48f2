import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER, Role, type AccessTokenClaims } from '@akiwa/contracts';
import { ENV, type ResolvedEnv } from '../config/env';
import type { AuthUser } from '../common/auth/auth-user';

const ROLES = new Set<string>(Object.values(Role));
/** Not an access token's audience: an MFA ticket can never be used as one, nor the reverse. */
const MFA_TICKET_AUDIENCE = 'akiwa-mfa';
const MFA_TICKET_SECONDS = 300;

/** A verified access token: who, and when the token stops being valid (the socket closes then). */
export interface VerifiedAccessToken extends AuthUser {
  expiresAt: number;
}

/** Access tokens (JWT, short-lived) for HTTP and the socket.io handshake; opaque refresh tokens. */
@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    @Inject(ENV) private readonly env: ResolvedEnv,
  ) {}

  get accessTtlSeconds(): number {
    return this.env.ACCESS_TOKEN_TTL_SECONDS;
  }

  signAccessToken(user: AuthUser): string {
    const claims: Pick<AccessTokenClaims, 'sub' | 'org' | 'role' | 'sid'> = { sub: user.userId, org: user.organisationId, role: user.role, sid: user.sessionId };
    return this.jwt.sign(claims, {
      expiresIn: this.env.ACCESS_TOKEN_TTL_SECONDS,
      algorithm: 'HS256',
      issuer: ACCESS_TOKEN_ISSUER,
      audience: ACCESS_TOKEN_AUDIENCE,
      jwtid: randomUUID(),
    });
  }

  /** Null unless signed by us, unexpired, for us (iss, aud) and carrying every claim (jti, exp, sid…). Never throws. */
  verifyAccessToken(token: unknown): VerifiedAccessToken | null {
    if (typeof token !== 'string' || token.length > 4096) return null;
    try {
      const c = this.jwt.verify<Partial<AccessTokenClaims>>(token, { algorithms: ['HS256'], issuer: ACCESS_TOKEN_ISSUER, audience: ACCESS_TOKEN_AUDIENCE });
      const strings = [c.sub, c.org, c.role, c.sid, c.jti];
      if (strings.some((v) => typeof v !== 'string' || !v) || !ROLES.has(c.role!) || typeof c.exp !== 'number') return null;
      return { userId: c.sub!, organisationId: c.org!, role: c.role!, sessionId: c.sid!, expiresAt: c.exp * 1000 };
    } catch {
      return null;
    }
  }

  /** The ticket between a right password and the second factor: 5 minutes, for the MFA step only. */
  signMfaTicket(userId: string): string {
    return this.jwt.sign({ sub: userId }, { expiresIn: MFA_TICKET_SECONDS, algorithm: 'HS256', issuer: ACCESS_TOKEN_ISSUER, audience: MFA_TICKET_AUDIENCE, jwtid: randomUUID() });
  }

  verifyMfaTicket(ticket: unknown): string | null {
    if (typeof ticket !== 'string' || ticket.length > 2048) return null;
    try {
      const c = this.jwt.verify<{ sub?: unknown; jti?: unknown }>(ticket, { algorithms: ['HS256'], issuer: ACCESS_TOKEN_ISSUER, audience: MFA_TICKET_AUDIENCE });
      return typeof c.sub === 'string' && typeof c.jti === 'string' ? c.sub : null;
    } catch {
      return null;
    }
  }

  newRefreshToken(): { token: string; hash: string } {
    const token = randomBytes(32).toString('base64url');
    return { token, hash: TokenService.hash(token) };
  }

  static hash(token: string): string {
    return createHash('sha256').update(token).digest('hex');
  }
}
