import type { LoginResponse, SessionUser } from '@akiwa/contracts';
import { useSyncExternalStore } from 'react';
import { refreshTokens } from '../../api/auth';
import { ApiError, type ApiClientHooks } from '../../api/client';

/**
 * The session lives here and nowhere else. The access token stays in memory only; the refresh
 * token is kept in localStorage so that a reload (or a phone waking up at night) stays logged in.
 */
export type SessionState =
  | { status: 'restoring' }
  | { status: 'anonymous'; reason: 'expired' | 'logged_out' | 'offline' | null }
  | { status: 'authenticated'; user: SessionUser };

const REFRESH_TOKEN_KEY = 'akiwa.refreshToken';
/** Refresh proactively once this share of the access token's lifetime has passed. */
const REFRESH_AT = 0.8;

let state: SessionState = { status: 'anonymous', reason: null };
let accessToken: string | null = null;
let refreshTimer: ReturnType<typeof setTimeout> | undefined;
let inflightRefresh: Promise<boolean> | null = null;
const listeners = new Set<() => void>();

function setState(next: SessionState): void {
  state = next;
  for (const listener of listeners) listener();
}

function readRefreshToken(): string | null {
  try {
    return localStorage.getItem(REFRESH_TOKEN_KEY);
  } catch {
    return null;
  }
}

function writeRefreshToken(token: string | null): void {
  try {
    if (token) localStorage.setItem(REFRESH_TOKEN_KEY, token);
    else localStorage.removeItem(REFRESH_TOKEN_KEY);
  } catch {
    // Storage unavailable: the session simply won't survive a reload.
  }
}

function apply(response: LoginResponse): void {
  accessToken = response.accessToken;
  writeRefreshToken(response.refreshToken);
  clearTimeout(refreshTimer);
  const delayMs = Math.max(10, response.expiresIn * REFRESH_AT) * 1000;
  refreshTimer = setTimeout(() => {
    void refresh().then((ok) => {
      if (!ok && state.status === 'authenticated' && !readRefreshToken()) signOut('expired');
    });
  }, delayMs);
  setState({ status: 'authenticated', user: response.user });
}

/**
 * Refresh tokens rotate, so two tabs spending the same one at once would log each other out: the
 * Web Lock makes tabs rotate one after another, each reading the token the previous one stored.
 */
function rotate(): Promise<boolean> {
  if (typeof navigator !== 'undefined' && navigator.locks) return navigator.locks.request('akiwa.refresh-token', rotateNow);
  return rotateNow();
}

async function rotateNow(): Promise<boolean> {
  const token = readRefreshToken();
  if (!token) return false;
  try {
    apply(await refreshTokens(token));
    return true;
  } catch (error) {
    // Only a refusal (4xx) ends the session; offline or a server fault (5xx) keeps the token to retry.
    if (error instanceof ApiError && error.status >= 400 && error.status < 500) {
      // Another tab may have rotated the token while we were asking: try once with its token.
      const latest = readRefreshToken();
      if (latest && latest !== token) {
        try {
          apply(await refreshTokens(latest));
          return true;
        } catch {
          /* fall through */
        }
      }
      // never wipe a token another tab stored meanwhile
      if (readRefreshToken() === token) writeRefreshToken(null);
    }
    return false;
  }
}

/** Single-flight: concurrent 401s and the socket share one rotation of the refresh token. */
export function refresh(): Promise<boolean> {
  inflightRefresh ??= rotate().finally(() => {
    inflightRefresh = null;
  });
  return inflightRefresh;
}

export function signIn(response: LoginResponse): void {
  apply(response);
}

export function signOut(reason: 'expired' | 'logged_out' = 'logged_out'): void {
  clearTimeout(refreshTimer);
  accessToken = null;
  writeRefreshToken(null);
  setState({ status: 'anonymous', reason });
}

/** On boot: resume the session from the stored refresh token, if any. */
export async function restoreSession(): Promise<void> {
  if (!readRefreshToken()) return;
  setState({ status: 'restoring' });
  const ok = await refresh();
  if (!ok && state.status !== 'authenticated') {
    // A kept refresh token means the server could not be reached: say so instead of "expired".
    setState({ status: 'anonymous', reason: readRefreshToken() ? 'offline' : null });
  }
}

export function getAccessToken(): string | null {
  return accessToken;
}

export function getRefreshToken(): string | null {
  return readRefreshToken();
}

export function getSession(): SessionState {
  return state;
}

export function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Logging out in one tab logs out the others. */
export function watchOtherTabs(): () => void {
  const onStorage = (event: StorageEvent) => {
    if (event.key === REFRESH_TOKEN_KEY && event.newValue === null && state.status === 'authenticated') {
      clearTimeout(refreshTimer);
      accessToken = null;
      setState({ status: 'anonymous', reason: 'logged_out' });
    }
  };
  window.addEventListener('storage', onStorage);
  return () => window.removeEventListener('storage', onStorage);
}

export const sessionApiHooks: ApiClientHooks = {
  getAccessToken,
  refresh,
  onUnauthenticated: () => {
    if (state.status === 'authenticated') signOut('expired');
  },
};

export function useSession(): SessionState {
  return useSyncExternalStore(subscribe, getSession);
}

/** For screens inside the auth guard, where a user is certain. */
export function useSessionUser(): SessionUser {
  const session = useSession();
  if (session.status !== 'authenticated') throw new Error('useSessionUser() outside an authenticated route');
  return session.user;
}
