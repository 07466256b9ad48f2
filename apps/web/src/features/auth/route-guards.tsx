import type { Role } from '@akiwa/contracts';
import { Navigate, Outlet, useLocation } from 'react-router';
import { SocketProvider } from '../../lib/socket/socket-provider';
import { RestrictedSessionPage } from '../account/restricted-session-page';
import type { SocketAuth } from '../../lib/socket/use-socket';
import { ROLE_HOME, Paths } from '../layout/navigation';
import { FullPageLoading, ForbiddenPage } from '../layout/status-pages';
import { getAccessToken, hasResumableSession, onAccessToken, refresh, sessionEnded, signOut, useSession, useSessionUser } from './session-store';

export interface LoginLocationState {
  from?: string;
}

/** Everything behind login: one authenticated socket for the whole session. */
export function RequireAuth() {
  const session = useSession();
  const location = useLocation();

  if (session.status === 'restoring') return <FullPageLoading />;
  if (session.status === 'anonymous') {
    const state: LoginLocationState | undefined =
      session.reason === 'logged_out' || session.reason === 'ended' ? undefined : { from: location.pathname + location.search };
    return <Navigate to={Paths.login} replace state={state} />;
  }

  // the server allows nothing else until this is done (and no socket either)
  if (session.restriction) return <RestrictedSessionPage restriction={session.restriction} />;

  const socketAuth: SocketAuth = {
    sessionKey: session.user.id,
    getToken: getAccessToken,
    refresh,
    onAuthFailure: () => {
      // A refused refresh token has been dropped by the store: the session is over.
      if (!hasResumableSession()) signOut('expired');
    },
    onSessionEnded: sessionEnded,
    subscribeToken: onAccessToken,
  };
  return (
    <SocketProvider auth={socketAuth}>
      <Outlet />
    </SocketProvider>
  );
}

export function RequireRole({ roles }: { roles: readonly Role[] }) {
  const user = useSessionUser();
  return roles.includes(user.role) ? <Outlet /> : <ForbiddenPage />;
}

export function RoleHomeRedirect() {
  const user = useSessionUser();
  return <Navigate to={ROLE_HOME[user.role]} replace />;
}
