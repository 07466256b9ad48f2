import type { OrganisationKind, Role } from './enums';

export interface LoginRequest {
  email: string;
  password: string;
}

export interface RefreshRequest {
  refreshToken: string;
}

export interface TokenPair {
  accessToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  refreshToken: string;
}

export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  organisation: { id: string; name: string; kind: OrganisationKind; municipalityCode: string | null };
}

export interface LoginResponse extends TokenPair {
  user: SessionUser;
}

/** Claims carried by the access token (also authenticates the socket.io handshake). */
export interface AccessTokenClaims {
  sub: string;
  org: string;
  role: Role;
}
