import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ErrorCode, SessionRestriction, type Role } from '@akiwa/contracts';
import { AppException } from '../errors/app.exception';
import { TokenService } from '../../auth/token.service';
import { SessionsService } from '../../sessions/sessions.service';
import type { AuthUser } from './auth-user';
import { ALLOW_RESTRICTED, IS_PUBLIC, ROLES } from './auth.decorators';
import { AuthTexts } from '../errors/texts';

/** A session that must first enrol in MFA or change its password may do only that. */
export const restricted = (restriction: SessionRestriction) =>
  restriction === SessionRestriction.MfaEnrolment
    ? new AppException(ErrorCode.MfaEnrolmentRequired, AuthTexts.mfaEnrolmentRequired)
    : new AppException(ErrorCode.PasswordChangeRequired, AuthTexts.passwordChangeRequired);

const unauthenticated = () => new AppException(ErrorCode.Unauthenticated, AuthTexts.authenticationRequired);

/**
 * Global guard: every route is authenticated unless @Public, and role-checked when @Auth names roles.
 * The token's session is looked up on every request, so a logout or deactivation ends HTTP access at once.
 */
@Injectable()
export class AccessTokenGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly sessions: SessionsService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = ctx.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; user?: AuthUser }>();
    const header = req.headers['authorization'] ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7) : '';
    const verified = token ? this.tokens.verifyAccessToken(token) : null;
    const session = verified ? await this.sessions.live(verified) : null;
    if (!verified || !session) throw unauthenticated();
    const { expiresAt: _, ...user } = verified;
    req.user = user;
    if (session.restriction && !(this.reflector.getAllAndOverride<SessionRestriction[]>(ALLOW_RESTRICTED, targets) ?? []).includes(session.restriction)) {
      throw restricted(session.restriction);
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets) ?? [];
    if (roles.length && !roles.includes(user.role)) throw AppException.forbidden();
    return true;
  }
}
