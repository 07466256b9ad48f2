import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { AccessTokenClaims } from '@akiwa/contracts';
import { ENV, type ResolvedEnv } from '../config/env';
import type { AuthUser } from '../common/auth/auth-user';

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
    const claims: AccessTokenClaims = { sub: user.userId, org: user.organisationId, role: user.role };
    return this.jwt.sign(claims, { expiresIn: this.env.ACCESS_TOKEN_TTL_SECONDS, algorithm: 'HS256' });
  }

  verifyAccessToken(token: string): AuthUser | null {
    try {
      const c = this.jwt.verify<AccessTokenClaims>(token, { algorithms: ['HS256'] });
      if (typeof c.sub !== 'string' || typeof c.org !== 'string' || typeof c.role !== 'string') return null;
      return { userId: c.sub, organisationId: c.org, role: c.role };
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
