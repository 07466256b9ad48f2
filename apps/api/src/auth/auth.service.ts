import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ErrorCode, SessionEndReason, type LoginResponse, type SessionUser } from '@akiwa/contracts';
import { ENV, type ResolvedEnv } from '../config/env';
import { AppException } from '../common/errors/app.exception';
import type { AuthUser } from '../common/auth/auth-user';
import { verifyPassword } from '../common/crypto/password';
import { AuditLog } from '../audit/audit-log.service';
import { SessionsRepository } from '../sessions/sessions.repository';
import { SessionsService } from '../sessions/sessions.service';
import { User } from '../users/user.entity';
import { TokenService } from './token.service';

const INVALID = new AppException(ErrorCode.InvalidCredentials, {
  ja: 'メールアドレスまたはパスワードが正しくありません',
  en: 'Wrong email or password',
});
const TOO_MANY = new AppException(ErrorCode.TooManyAttempts, {
  ja: 'ログインの失敗が続いたため、しばらくログインできません。時間をおいてお試しください',
  en: 'Too many failed logins; try again later',
});
const LOG_IN_AGAIN = () => new AppException(ErrorCode.Unauthenticated, { ja: 'もう一度ログインしてください', en: 'Please log in again' });

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
    private readonly sessions: SessionsService,
    private readonly sessionRows: SessionsRepository,
    private readonly audit: AuditLog,
    @Inject(ENV) private readonly env: ResolvedEnv,
  ) {}

  async login(email: string, password: string, ip: string): Promise<IssuedTokens> {
    // Counted in the database so the limit holds across API instances.
    const window = this.env.LOGIN_FAILURE_WINDOW_SECONDS;
    const [{ by_email, by_ip }] = await this.db.query(
      `SELECT count(*) FILTER (WHERE lower(email) = lower($1))::int AS by_email, count(*) FILTER (WHERE ip = $2)::int AS by_ip
         FROM login_failures WHERE at > now() - make_interval(secs => $3) AND (lower(email) = lower($1) OR ip = $2)`,
      [email, ip, window],
    );
    if (by_email >= this.env.LOGIN_MAX_FAILURES || by_ip >= this.env.LOGIN_MAX_FAILURES * 10) throw TOO_MANY;

    const user = await this.db
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('lower(u.email) = lower(:email)', { email })
      .getOne();
    const ok = await verifyPassword(user?.passwordHash ?? null, password);
    if (!user || !ok || !user.active) {
      await this.db.query(`INSERT INTO login_failures(email, ip) VALUES ($1, $2)`, [email, ip]);
      await this.audit.record({ actor: null, action: 'auth.login_failed', subjectType: 'user', subjectId: user?.id ?? '-', detail: { ip } });
      throw INVALID;
    }
    await this.db.query(`DELETE FROM login_failures WHERE lower(email) = lower($1)`, [email]);
    const session = await this.sessions.start(user.id, ip);
    await this.audit.record({
      actor: { userId: user.id, organisationId: user.organisationId },
      action: 'auth.login',
      subjectType: 'session',
      subjectId: session.id,
      detail: { ip },
    });
    return this.issue(user.id, session.id);
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

  private async issue(userId: string, sessionId: string): Promise<IssuedTokens> {
    const user = await this.sessionUser(userId);
    const { token, hash } = this.tokens.newRefreshToken();
    await this.sessionRows.addRefreshToken(sessionId, userId, hash, this.env.REFRESH_TOKEN_TTL_DAYS);
    const accessToken = this.tokens.signAccessToken({ userId, organisationId: user.organisation.id, role: user.role, sessionId });
    return {
      body: { accessToken, expiresIn: this.tokens.accessTtlSeconds, user },
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
