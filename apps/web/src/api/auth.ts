import type { LoginRequest, LoginResponse, LoginResult, SessionUser } from '@akiwa/contracts';
import { apiFetch } from './client';

export function login(body: LoginRequest): Promise<LoginResult> {
  return apiFetch<LoginResult>('/auth/login', { method: 'POST', body, auth: false });
}

/** The refresh token travels as an httpOnly cookie; the client adds the CSRF header to auth calls. */
export function refreshTokens(): Promise<LoginResponse> {
  return apiFetch<LoginResponse>('/auth/refresh', { method: 'POST', auth: false });
}

export function logout(): Promise<void> {
  return apiFetch<void>('/auth/logout', { method: 'POST', auth: false });
}

export function fetchMe(signal?: AbortSignal): Promise<SessionUser> {
  return apiFetch<SessionUser>('/auth/me', { signal });
}
