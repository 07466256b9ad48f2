import { Body, Controller, Get, HttpCode, Inject, Ip, Post, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { parse as parseCookies } from 'cookie';
import { CSRF_HEADER, REFRESH_COOKIE_NAME, REFRESH_COOKIE_PATH, SessionRestriction, type LoginResult } from '@akiwa/contracts';
import { ENV, type ResolvedEnv } from '../config/env';
import { AllowRestricted, Auth, CurrentUser, Public } from '../common/auth/auth.decorators';
import type { AuthUser } from '../common/auth/auth-user';
import { AppException } from '../common/errors/app.exception';
import { configuredOrigins, originAllowed } from '../common/http/origin';
import { MfaLoginDto } from './account.dto';
import { LoginDto } from './auth.dto';
import { AuthService, type IssuedTokens } from './auth.service';
import { AuthTexts } from '../common/errors/texts';

/**
 * The refresh token lives in an httpOnly, SameSite=Strict cookie scoped to /api/auth (Secure in
 * production and over https), out of reach of page scripts. The endpoints that read it also require
 * the custom CSRF header (a cross-site form cannot send one, and a cross-site script would need a
 * CORS preflight we never grant) and refuse a foreign Origin.
 */
@ApiTags('auth')
@Controller('auth')
export class AuthController {
  private readonly extraOrigins: string[];

  constructor(
    private readonly auth: AuthService,
    @Inject(ENV) private readonly env: ResolvedEnv,
  ) {
    this.extraOrigins = configuredOrigins(env.CORS_ORIGINS);
  }

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The access token and the session user; the refresh token is set as an httpOnly cookie' })
  @ApiTooManyRequestsResponse({ description: 'Too many failed logins for this account' })
  async login(@Body() dto: LoginDto, @Ip() ip: string, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<LoginResult> {
    this.assertSameSite(req, false);
    const result = await this.auth.login(dto.email, dto.password, ip);
    return 'mfaRequired' in result ? result : this.withCookie(req, res, result);
  }

  @Public()
  @Post('login/mfa')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The second step: the TOTP code (or a recovery code) with the ticket from the password step' })
  async loginWithCode(@Body() dto: MfaLoginDto, @Ip() ip: string, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    this.assertSameSite(req, false);
    return this.withCookie(req, res, await this.auth.loginWithCode(dto.mfaToken, dto.code, ip));
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiHeader({ name: CSRF_HEADER, required: true, description: '1' })
  async refresh(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    this.assertSameSite(req, true);
    try {
      return this.withCookie(req, res, await this.auth.refresh(this.refreshCookie(req)));
    } catch (error) {
      this.clearCookie(res);
      throw error;
    }
  }

  @Public()
  @Post('logout')
  @HttpCode(204)
  @ApiHeader({ name: CSRF_HEADER, required: true, description: '1' })
  async logout(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    this.assertSameSite(req, true);
    const bearer = req.headers.authorization?.startsWith('Bearer ') ? req.headers.authorization.slice(7) : undefined;
    await this.auth.logout(this.refreshCookie(req), bearer);
    this.clearCookie(res);
  }

  @Auth()
  @AllowRestricted(SessionRestriction.MfaEnrolment, SessionRestriction.PasswordChange)
  @Get('me')
  me(@CurrentUser() user: AuthUser) {
    return this.auth.me(user);
  }

  private refreshCookie(req: Request): string | undefined {
    const header = req.headers.cookie;
    if (!header || header.length > 8192) return undefined;
    const value = parseCookies(header)[REFRESH_COOKIE_NAME];
    return value && value.length <= 200 ? value : undefined;
  }

  private withCookie(req: Request, res: Response, issued: IssuedTokens) {
    res.cookie(REFRESH_COOKIE_NAME, issued.refreshToken, {
      httpOnly: true,
      secure: this.env.NODE_ENV === 'production' || req.secure,
      sameSite: 'strict',
      path: REFRESH_COOKIE_PATH,
      maxAge: issued.refreshMaxAge * 1000,
    });
    return issued.body;
  }

  private clearCookie(res: Response) {
    res.clearCookie(REFRESH_COOKIE_NAME, { path: REFRESH_COOKIE_PATH, httpOnly: true, sameSite: 'strict' });
  }

  /** CSRF: a foreign Origin is refused everywhere here; the cookie endpoints also need the custom header. */
  private assertSameSite(req: Request, needHeader: boolean) {
    const crossSite = req.headers['sec-fetch-site'] === 'cross-site';
    if (crossSite || !originAllowed(req.headers.origin, req.headers.host, this.extraOrigins) || (needHeader && req.headers[CSRF_HEADER] !== '1')) {
      throw AppException.forbidden(AuthTexts.crossSite);
    }
  }
}
