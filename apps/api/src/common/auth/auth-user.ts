import type { Role } from '@akiwa/contracts';

/** Who is calling, as established by the access token. */
export interface AuthUser {
  userId: string;
  organisationId: string;
  role: Role;
  /** The login session: checked live on every request and handshake, revocable. */
  sessionId: string;
}
