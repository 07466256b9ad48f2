import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ErrorCode, type LoginResponse, type SessionUser } from '@akiwa/contracts';
import { ENV, type ResolvedEnv } from '../config/env';
import { AppException } from '../common/errors/app.exception';
import type { AuthUser } from '../common/auth/auth-user';
import { returning } from '../database/sql';
import { User } from '../users/user.entity';
import { verifyPassword } from './password';
import { TokenService } from './token.service';

const INVALID = new AppException(ErrorCode.InvalidCredentials, {
  ja: 'メールアドレスまたはパスワードが正しくありません',
  en: 'Wrong email or password',
});
const TOO_MANY = new AppException(ErrorCode.TooManyAttempts, {
  ja: 'ログインの失敗が続いたため、しばらくログインできません。時間をおいてお試しください',
  en: 'Too many failed logins; try again later',
});

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly tokens: TokenService,
    @Inject(ENV) private readonly env: ResolvedEnv,
  ) {}

  async login(email: string, password: string, ip: string): Promise<LoginResponse> {
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
      throw INVALID;
    }
    await this.db.query(`DELETE FROM login_failures WHERE lower(email) = lower($1)`, [email]);
    return this.issue(user.id);
  }

  /** Rotates: the presented token is spent atomically, so a replayed or raced token gets 401. */
  async refresh(refreshToken: string): Promise<LoginResponse> {
    const rows = await returning<{ user_id: string }>(
      this.db,
      `UPDATE refresh_tokens SET revoked_at = now()
        WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > now()
        RETURNING user_id`,
      [TokenService.hash(refreshToken)],
    );
    if (!rows.length) throw new AppException(ErrorCode.Unauthenticated, { ja: 'もう一度ログインしてください', en: 'Please log in again' });
    return this.issue(rows[0].user_id);
  }

  async logout(refreshToken: string): Promise<void> {
    await this.db.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE token_hash = $1 AND revoked_at IS NULL`, [TokenService.hash(refreshToken)]);
  }

  async me(auth: AuthUser): Promise<SessionUser> {
    return this.sessionUser(auth.userId);
  }

  private async issue(userId: string): Promise<LoginResponse> {
    const user = await this.sessionUser(userId);
    const { token, hash } = this.tokens.newRefreshToken();
    await this.db.query(`INSERT INTO refresh_tokens(user_id, token_hash, expires_at) VALUES ($1, $2, now() + make_interval(days => $3))`, [
      userId,
      hash,
      this.env.REFRESH_TOKEN_TTL_DAYS,
    ]);
    const accessToken = this.tokens.signAccessToken({ userId, organisationId: user.organisation.id, role: user.role });
    return { accessToken, expiresIn: this.tokens.accessTtlSeconds, refreshToken: token, user };
  }

  private async sessionUser(userId: string): Promise<SessionUser> {
    const u = await this.db.getRepository(User).findOne({ where: { id: userId, active: true }, relations: { organisation: true } });
    if (!u || !u.organisation) throw new AppException(ErrorCode.Unauthenticated, { ja: 'もう一度ログインしてください', en: 'Please log in again' });
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
