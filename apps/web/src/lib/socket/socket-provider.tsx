import type { ReactNode } from 'react';
import { SocketContext, useAuthenticatedSocket, type SocketAuth } from './use-socket';

export function SocketProvider({ auth, children }: { auth: SocketAuth; children: ReactNode }) {
  const value = useAuthenticatedSocket(auth);
  return <SocketContext.Provider value={value}>{children}</SocketContext.Provider>;
}
