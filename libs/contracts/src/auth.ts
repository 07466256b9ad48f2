import type { OrganisationKind, Role } from './enums';

export interface LoginRequest {
  email: string;
  password: string;
}

/**
 * The refresh token is never in a body: it is an httpOnly, SameSite=Strict cookie scoped to
 * REFRESH_COOKIE_PATH, and the cookie endpoints (refresh, logout) require the CSRF_HEADER.
 */
export const REFRESH_COOKIE_NAME = 'akiwa_refresh';
export const REFRESH_COOKIE_PATH = '/api/auth';
export const CSRF_HEADER = 'x-akiwa-csrf';

export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  organisation: { id: string; name: string; kind: OrganisationKind; municipalityCode: string | null };
}

/** Until done, a session may only do this (every other request: 403 with the same code). */
export const SessionRestriction = {
  /** MFA is required for this user and not yet set up: enrol first. */
  MfaEnrolment: 'mfa_enrolment',
  /** An admin issued a one-time password: choose a new one first. */
  PasswordChange: 'password_change',
} as const;
export type SessionRestriction = (typeof SessionRestriction)[keyof typeof SessionRestriction];

export interface LoginResponse {
  accessToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  user: SessionUser;
  restriction: SessionRestriction | null;
}

/** The password was right and the account has TOTP: send the code (or a recovery code) with this ticket. */
export interface MfaChallenge {
  mfaRequired: true;
  mfaToken: string;
}

export type LoginResult = LoginResponse | MfaChallenge;

export interface MfaLoginRequest {
  mfaToken: string;
  /** 6 digits from the authenticator app, or one recovery code. */
  code: string;
}

export interface MfaStatus {
  enabled: boolean;
  /** Whether this user must have it (role, organisation, MFA_ENFORCEMENT). */
  required: boolean;
  recoveryCodesLeft: number;
}

export interface MfaEnrolment {
  /** base32, for typing into an authenticator by hand */
  secret: string;
  /** otpauth://totp/… — shown as a QR code */
  uri: string;
}

export interface MfaCodeRequest {
  code: string;
}

/** Shown once, after enrolment: each works once instead of a code. */
export interface MfaRecoveryCodes {
  recoveryCodes: string[];
}

export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

/** An admin's one-time password for a user, shown once; the user must choose a new one at login. */
export interface PasswordResetResponse {
  oneTimePassword: string;
}

/** Why a session (or, for token_expired, one socket) ended; sent as `session:ended`. */
export const SessionEndReason = {
  LoggedOut: 'logged_out',
  /** Ended by an administrator or by the system (e.g. the absolute lifetime). */
  Revoked: 'revoked',
  Deactivated: 'deactivated',
  RoleChanged: 'role_changed',
  /** A spent refresh token was presented again: the whole family ends (theft detection). */
  RefreshReuse: 'refresh_reuse',
  PasswordChanged: 'password_changed',
  /** Only the socket: its access token expired without a `session:reauthenticate`. */
  TokenExpired: 'token_expired',
} as const;
export type SessionEndReason = (typeof SessionEndReason)[keyof typeof SessionEndReason];

/** Claims carried by the access token (also authenticates the socket.io handshake). All are required. */
export interface AccessTokenClaims {
  sub: string;
  org: string;
  role: Role;
  /** The session, checked on every request and handshake. */
  sid: string;
  iss: string;
  aud: string;
  jti: string;
  exp: number;
  iat: number;
}

export const ACCESS_TOKEN_ISSUER = 'akiwa';
export const ACCESS_TOKEN_AUDIENCE = 'akiwa-api';
