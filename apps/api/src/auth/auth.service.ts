import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ErrorCode, SessionEndReason, SessionRestriction, type LoginResponse, type MfaChallenge, type SessionUser } from '@akiwa/contracts';
import { loginRetryAfterSeconds, mfaRequired } from '@akiwa/domain';
import { ENV, type ResolvedEnv } from '../config/env';
import { AppException } from '../common/errors/app.exception';
import type { AuthUser } from '../common/auth/auth-user';
import { verifyPassword } from '../common/crypto/password';
import { AuditLog } from '../audit/audit-log.service';
import { SessionsRepository } from '../sessions/sessions.repository';
import { SessionsService } from '../sessions/sessions.service';
import { User } from '../users/user.entity';
import { CredentialsRepository, type CredentialRow } from './credentials.repository';
import { invalidMfaCode, MfaService } from './mfa.service';
import { TokenService } from './token.service';
import { AuthTexts } from '../common/errors/texts';

const INVALID = new AppException(ErrorCode.InvalidCredentials, AuthTexts.invalidCredentials);
const tooMany = (retryAfterSeconds: number) =>
  new AppException(
    ErrorCode.TooManyAttempts,
    AuthTexts.tooManyFailedLogins(retryAfterSeconds),
    [],
    { retryAfterSeconds },
  );
const LOG_IN_AGAIN = () => new AppException(ErrorCode.Unauthenticated, AuthTexts.logInAgain);

/** What the controller hands out: the body, and the refresh token for the httpOnly cookie. */
export interface IssuedTokens {
  body: LoginResponse;
  refreshToken: string;
  /** Seconds the refresh cookie may live (the refresh token's own expiry is enforced by the server). */
  refreshMaxAge: number;
}

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly tokens: TokenService,
    private readonly credentials: CredentialsRepository,
    private readonly mfa: MfaService,
    private readonly sessions: SessionsService,
    private readonly sessionRows: SessionsRepository,
    private readonly audit: AuditLog,
    @Inject(ENV) private readonly env: ResolvedEnv,
  ) {}

  /** The password step. With TOTP enabled, the answer is a ticket for the code step instead of a session. */
  async login(email: string, password: string, ip: string): Promise<IssuedTokens | MfaChallenge> {
    await this.assertMayTry(email, ip);
    const cred = await this.credentials.byEmail(email);
    const ok = await verifyPassword(cred?.password_hash ?? null, password);
    if (!cred || !ok || !cred.active) {
      await this.failed(email, ip, cred?.id ?? null, 'auth.login_failed');
      throw INVALID;
    }
    if (cred.mfa_enabled) return { mfaRequired: true, mfaToken: this.tokens.signMfaTicket(cred.id) };
    return this.complete(cred, ip, 'password');
  }

  /** The code step: a TOTP code or a recovery code, throttled like passwords (per account and IP). */
  async loginWithCode(mfaToken: string, code: string, ip: string): Promise<IssuedTokens> {
    const userId = this.tokens.verifyMfaTicket(mfaToken);
    const cred = userId ? await this.credentials.byId(userId) : null;
    if (!cred || !cred.active) throw LOG_IN_AGAIN();
    await this.assertMayTry(cred.email, ip);
    const how = await this.mfa.verify(cred, code);
    if (!how) {
      await this.failed(cred.email, ip, cred.id, 'auth.mfa_failed');
      throw invalidMfaCode();
    }
    return this.complete(cred, ip, how);
  }

  /**
   * Refused only while this (account, IP) pair or this IP is in its progressive delay: failures
   * from other IPs never slow this one, so nobody can lock another user out.
   */
  private async assertMayTry(email: string, ip: string) {
    const t = await this.credentials.failureTally(email, ip, this.env.LOGIN_FAILURE_WINDOW_SECONDS);
    const wait = loginRetryAfterSeconds(
      { pair: { count: t.pair_count, lastAt: t.pair_last?.getTime() ?? null }, ip: { count: t.ip_count, lastAt: t.ip_last?.getTime() ?? null } },
      Date.now(),
      { freePerPair: this.env.LOGIN_MAX_FAILURES, freePerIp: this.env.LOGIN_MAX_FAILURES * 10, capSeconds: this.env.LOGIN_FAILURE_WINDOW_SECONDS },
    );
    if (wait > 0) throw tooMany(wait);
  }

  private async failed(email: string, ip: string, userId: string | null, action: string) {
    await this.credentials.recordFailure(email, ip);
    await this.audit.record({ actor: null, action, subjectType: 'user', subjectId: userId ?? '-', detail: { ip } });
  }

  private async complete(cred: CredentialRow, ip: string, method: 'password' | 'totp' | 'recovery'): Promise<IssuedTokens> {
    await this.credentials.clearPairFailures(cred.email, ip);
    const session = await this.sessions.start(cred.id, ip, this.restrictionFor(cred));
    await this.audit.record({
      actor: { userId: cred.id, organisationId: cred.organisation_id },
      action: 'auth.login',
      subjectType: 'session',
      subjectId: session.id,
      detail: { ip, method },
    });
    return this.issue(cred.id, session.id);
  }

  /** What a new session must do first: choose a new password (admin reset), then enrol in MFA (when required). */
  restrictionFor(cred: CredentialRow): SessionRestriction | null {
    if (cred.must_change_password) return SessionRestriction.PasswordChange;
    const required = mfaRequired({ role: cred.role, organisationRequiresMfa: cred.organisation_mfa_required }, this.env.MFA_ENFORCEMENT ?? 'optional');
    return required && !cred.mfa_enabled ? SessionRestriction.MfaEnrolment : null;
  }

  /**
   * Rotates: the presented token is spent atomically and a new one of the same family (session) is
   * issued. A token that was spent before is a copy in someone else's hands: the whole session ends.
   */
  async refresh(refreshToken: string | undefined): Promise<IssuedTokens> {
    if (!refreshToken) throw LOG_IN_AGAIN();
    const spent = await this.sessionRows.spendRefreshToken(TokenService.hash(refreshToken));
    if (spent.kind === 'reused') {
      await this.sessions.end(spent.sessionId, SessionEndReason.RefreshReuse, null);
      throw LOG_IN_AGAIN();
    }
    if (spent.kind !== 'rotated') throw LOG_IN_AGAIN();
    return this.issue(spent.userId, spent.sessionId);
  }

  /** Ends the session of the refresh cookie, or else of the bearer token. */
  async logout(refreshToken: string | undefined, bearer: string | undefined): Promise<void> {
    const fromCookie = refreshToken ? await this.sessionRows.sessionOfRefreshToken(TokenService.hash(refreshToken)) : null;
    const fromBearer = bearer ? this.tokens.verifyAccessToken(bearer) : null;
    const sessionId = fromCookie?.sessionId ?? fromBearer?.sessionId;
    if (!sessionId) return;
    const actor = fromBearer && fromBearer.sessionId === sessionId ? fromBearer : null;
    await this.sessions.end(sessionId, SessionEndReason.LoggedOut, actor);
  }

  async me(auth: AuthUser): Promise<SessionUser> {
    return this.sessionUser(auth.userId);
  }

  async issue(userId: string, sessionId: string): Promise<IssuedTokens> {
    const user = await this.sessionUser(userId);
    const session = await this.sessions.live({ userId, sessionId });
    if (!session) throw LOG_IN_AGAIN();
    const { token, hash } = this.tokens.newRefreshToken();
    await this.sessionRows.addRefreshToken(sessionId, userId, hash, this.env.REFRESH_TOKEN_TTL_DAYS);
    const accessToken = this.tokens.signAccessToken({ userId, organisationId: user.organisation.id, role: user.role, sessionId });
    return {
      body: { accessToken, expiresIn: this.tokens.accessTtlSeconds, user, restriction: session.restriction },
      refreshToken: token,
      refreshMaxAge: Math.min(this.env.REFRESH_TOKEN_TTL_DAYS * 86400, this.env.SESSION_MAX_HOURS * 3600),
    };
  }

  private async sessionUser(userId: string): Promise<SessionUser> {
    const u = await this.db.getRepository(User).findOne({ where: { id: userId, active: true }, relations: { organisation: true } });
    if (!u || !u.organisation) throw LOG_IN_AGAIN();
    const o = u.organisation;
    return {
      id: u.id,
      email: u.email,
      displayName: u.displayName,
      role: u.role,
      organisation: { id: o.id, name: o.name, kind: o.kind, municipalityCode: o.municipalityCode },
    };
  }
}
