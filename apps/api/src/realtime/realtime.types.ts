import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '@akiwa/contracts';
import type { AuthUser } from '../common/auth/auth-user';

export interface SocketData {
  user: AuthUser;
  /** When the access token the socket last presented expires (ms since the epoch): the socket closes then. */
  expiresAt: number;
}

export type AkiwaServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type AkiwaSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
