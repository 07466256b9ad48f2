import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { SessionEndReason, type MfaEnrolment, type MfaRecoveryCodes, type MfaStatus, type PasswordResetResponse } from '@akiwa/contracts';
import { mfaRequired } from '@akiwa/domain';
import { ENV, type ResolvedEnv } from '../config/env';
import { AuditLog } from '../audit/audit-log.service';
import type { AuthUser } from '../common/auth/auth-user';
import { AppException } from '../common/errors/app.exception';
import { hashPassword, verifyPassword } from '../common/crypto/password';
import { assertStrongPassword } from '../common/crypto/password-strength';
import { SessionsRepository } from '../sessions/sessions.repository';
import { SessionsService } from '../sessions/sessions.service';
import { AuthService } from './auth.service';
import { CredentialsRepository, type CredentialRow } from './credentials.repository';
import { invalidMfaCode, MfaService } from './mfa.service';
import { AuthTexts, Things } from '../common/errors/texts';

/** A user's own second factor and password, and an admin's one-time password reset. */
@Injectable()
export class AccountService {
  constructor(
    private readonly credentials: CredentialsRepository,
    private readonly mfa: MfaService,
    private readonly auth: AuthService,
    private readonly sessions: SessionsService,
    private readonly sessionRows: SessionsRepository,
    private readonly audit: AuditLog,
    @Inject(ENV) private readonly env: ResolvedEnv,
  ) {}

  private async me(user: AuthUser): Promise<CredentialRow> {
    const cred = await this.credentials.byId(user.userId);
    if (!cred) throw AppException.notFound(Things.user);
    return cred;
  }

  private required(cred: CredentialRow): boolean {
    return mfaRequired({ role: cred.role, organisationRequiresMfa: cred.organisation_mfa_required }, this.env.MFA_ENFORCEMENT ?? 'optional');
  }

  async mfaStatus(user: AuthUser): Promise<MfaStatus> {
    const cred = await this.me(user);
    return { enabled: cred.mfa_enabled, required: this.required(cred), recoveryCodesLeft: cred.mfa_enabled ? await this.credentials.recoveryCodesLeft(cred.id) : 0 };
  }

  async startEnrolment(user: AuthUser): Promise<MfaEnrolment> {
    return this.mfa.startEnrolment(await this.me(user));
  }

  /** Enables TOTP, lifts an enrolment restriction from this session, and hands out the recovery codes once. */
  async completeEnrolment(user: AuthUser, code: string): Promise<MfaRecoveryCodes> {
    const recoveryCodes = await this.mfa.completeEnrolment(await this.me(user), code);
    await this.audit.record({ actor: user, action: 'mfa.enrol', subjectType: 'user', subjectId: user.userId });
    await this.sessionRows.setRestriction(user.sessionId, this.auth.restrictionFor(await this.me(user)));
    return { recoveryCodes };
  }

  async disable(user: AuthUser, code: string): Promise<void> {
    const cred = await this.me(user);
    if (this.required(cred)) throw AppException.forbidden(AuthTexts.mfaRequired);
    if (!(await this.mfa.verify(cred, code))) throw invalidMfaCode();
    await this.credentials.disableTotp(cred.id);
    await this.audit.record({ actor: user, action: 'mfa.disable', subjectType: 'user', subjectId: user.userId });
  }

  /** The user's own change: the current password proves it is them; every other session of theirs ends. */
  async changePassword(user: AuthUser, currentPassword: string, newPassword: string): Promise<void> {
    const cred = await this.me(user);
    if (!(await verifyPassword(cred.password_hash, currentPassword))) {
      throw AppException.invalidField('currentPassword', 'wrong_password', AuthTexts.wrongPassword);
    }
    if (newPassword === currentPassword) {
      throw AppException.invalidField('newPassword', 'unchanged', AuthTexts.unchangedPassword);
    }
    assertStrongPassword(newPassword, 'newPassword', [cred.email, cred.display_name]);
    await this.credentials.setPassword(cred.id, await hashPassword(newPassword), false);
    await this.audit.record({ actor: user, action: 'password.change', subjectType: 'user', subjectId: user.userId });
    await this.sessions.endAllOfUser(cred.id, SessionEndReason.PasswordChanged, user, user.sessionId);
    await this.sessionRows.setRestriction(user.sessionId, this.auth.restrictionFor(await this.me(user)));
  }

  /** An admin's one-time password: every session of the user ends; at the next login they must choose their own. */
  async resetPassword(admin: AuthUser, userId: string): Promise<PasswordResetResponse> {
    const cred = await this.credentials.byId(userId);
    if (!cred) throw AppException.notFound(Things.user);
    const oneTimePassword = randomBytes(12).toString('base64url');
    await this.credentials.setPassword(cred.id, await hashPassword(oneTimePassword), true);
    await this.audit.record({ actor: admin, action: 'password.reset', subjectType: 'user', subjectId: cred.id });
    await this.sessions.endAllOfUser(cred.id, SessionEndReason.PasswordChanged, admin);
    return { oneTimePassword };
  }

  /**
   * An admin removes a user's second factor (lost phone and recovery codes): recorded, and every
   * session of the user ends at once (HTTP and sockets), so nobody keeps a session the factor guarded.
   */
  async resetMfa(admin: AuthUser, userId: string): Promise<void> {
    const cred = await this.credentials.byId(userId);
    if (!cred) throw AppException.notFound(Things.user);
    await this.credentials.disableTotp(cred.id);
    await this.audit.record({ actor: admin, action: 'mfa.reset', subjectType: 'user', subjectId: cred.id, detail: { hadMfa: cred.totp_secret !== null } });
    await this.sessions.endAllOfUser(cred.id, SessionEndReason.Revoked, admin);
  }
}
