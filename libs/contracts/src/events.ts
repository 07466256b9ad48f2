/**
 * The typed socket.io contract, used as Server<ClientToServerEvents, ServerToClientEvents> by the
 * API and Socket<ServerToClientEvents, ClientToServerEvents> by the web. Event names live only here.
 */
import type { ApiErrorBody } from './errors';

export interface ServerToClientEvents {
  /** Sent once after the handshake is accepted. */
  'session:ready': (payload: { userId: string; organisationId: string; role: string }) => void;
  /** Any failure of a client event that had no ack. */
  'error:event': (payload: ApiErrorBody) => void;
}

export interface ClientToServerEvents {
  ping: (ack: (payload: { at: string }) => void) => void;
}

/** Room names, so every emit reaches only those it concerns. */
export const Rooms = {
  user: (userId: string) => `user:${userId}`,
  organisation: (organisationId: string) => `org:${organisationId}`,
} as const;
