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

export interface LoginResponse {
  accessToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  user: SessionUser;
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
