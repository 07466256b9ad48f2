import type { LoginResponse, SessionEndReason, SessionRestriction, SessionUser } from '@akiwa/contracts';
import { useSyncExternalStore } from 'react';
import { refreshTokens } from '../../api/auth';
import { ApiError, type ApiClientHooks } from '../../api/client';

/**
 * The session lives here and nowhere else. The access token stays in memory only; the refresh token
 * is an httpOnly cookie scoped to /api/auth that JavaScript never sees. localStorage keeps only a
 * marker that a session was started in this browser, so that a reload knows to try a refresh and
 * other tabs learn of a logout.
 */
export type SessionState =
  | { status: 'restoring' }
  | { status: 'anonymous'; reason: 'expired' | 'logged_out' | 'offline' | 'ended' | null; endReason?: SessionEndReason }
  /** restriction: the server lets this session only enrol in MFA or change its password, until done. */
  | { status: 'authenticated'; user: SessionUser; restriction: SessionRestriction | null };

const SESSION_MARKER_KEY = 'akiwa.session';
/** Refresh proactively once this share of the access token's lifetime has passed. */
const REFRESH_AT = 0.8;

let state: SessionState = { status: 'anonymous', reason: null };
let accessToken: string | null = null;
let refreshTimer: ReturnType<typeof setTimeout> | undefined;
let inflightRefresh: Promise<boolean> | null = null;
const listeners = new Set<() => void>();
const tokenListeners = new Set<(token: string) => void>();

function setState(next: SessionState): void {
  state = next;
  for (const listener of listeners) listener();
}

function hasMarker(): boolean {
  try {
    return localStorage.getItem(SESSION_MARKER_KEY) !== null;
  } catch {
    return false;
  }
}

function writeMarker(on: boolean): void {
  try {
    if (on) localStorage.setItem(SESSION_MARKER_KEY, '1');
    else localStorage.removeItem(SESSION_MARKER_KEY);
  } catch {
    // Storage unavailable: the session simply won't survive a reload.
  }
}

function apply(response: LoginResponse): void {
  accessToken = response.accessToken;
  writeMarker(true);
  clearTimeout(refreshTimer);
  const delayMs = Math.max(10, response.expiresIn * REFRESH_AT) * 1000;
  refreshTimer = setTimeout(() => {
    void refresh().then((ok) => {
      if (!ok && state.status === 'authenticated' && !hasMarker()) signOut('expired');
    });
  }, delayMs);
  setState({ status: 'authenticated', user: response.user, restriction: response.restriction ?? null });
  for (const listener of tokenListeners) listener(response.accessToken);
}

/**
 * Refresh tokens rotate, and presenting a spent one ends the whole session (theft detection), so two
 * tabs must never send the same cookie at once: the Web Lock makes tabs rotate one after another,
 * each sending the cookie the previous one received.
 */
function rotate(): Promise<boolean> {
  if (typeof navigator !== 'undefined' && navigator.locks) return navigator.locks.request('akiwa.refresh-token', rotateNow);
  return rotateNow();
}

async function rotateNow(): Promise<boolean> {
  try {
    apply(await refreshTokens());
    return true;
  } catch (error) {
    // Only a refusal (4xx) ends the session; offline or a server fault (5xx) keeps it to retry.
    if (error instanceof ApiError && error.status >= 400 && error.status < 500) writeMarker(false);
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
  writeMarker(false);
  setState({ status: 'anonymous', reason });
}

/** The server ended the session (logout elsewhere, deactivation, a stolen refresh token): back to login, saying so. */
export function sessionEnded(endReason: SessionEndReason): void {
  if (state.status !== 'authenticated') return;
  clearTimeout(refreshTimer);
  accessToken = null;
  writeMarker(false);
  setState({ status: 'anonymous', reason: endReason === 'logged_out' ? 'logged_out' : 'ended', endReason });
}

/** On boot: resume the session from the refresh cookie, if this browser has started one. */
export async function restoreSession(): Promise<void> {
  if (!hasMarker()) return;
  setState({ status: 'restoring' });
  const ok = await refresh();
  if (!ok && state.status !== 'authenticated') {
    // A kept marker means the server could not be reached: say so instead of "expired", and try
    // again when the connection returns (a phone opened offline resumes its session by itself).
    setState({ status: 'anonymous', reason: hasMarker() ? 'offline' : null });
    if (hasMarker() && typeof window !== 'undefined') {
      window.addEventListener('online', () => void (getSession().status === 'anonymous' && restoreSession()), { once: true });
    }
  }
}

export function getAccessToken(): string | null {
  return accessToken;
}

/** Whether a session may still be resumed (false once the server refused the refresh cookie). */
export function hasResumableSession(): boolean {
  return hasMarker();
}

/** Called with every new access token (the socket re-authenticates with it). */
export function onAccessToken(listener: (token: string) => void): () => void {
  tokenListeners.add(listener);
  return () => tokenListeners.delete(listener);
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
    if (event.key === SESSION_MARKER_KEY && event.newValue === null && state.status === 'authenticated') {
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
