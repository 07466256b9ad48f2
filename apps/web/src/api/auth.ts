import type { LoginRequest, LoginResponse, SessionUser } from '@akiwa/contracts';
import { apiFetch } from './client';

export function login(body: LoginRequest): Promise<LoginResponse> {
  return apiFetch<LoginResponse>('/auth/login', { method: 'POST', body, auth: false });
}

export function refreshTokens(refreshToken: string): Promise<LoginResponse> {
  return apiFetch<LoginResponse>('/auth/refresh', { method: 'POST', body: { refreshToken }, auth: false });
}

export function logout(refreshToken: string): Promise<void> {
  return apiFetch<void>('/auth/logout', { method: 'POST', body: { refreshToken }, auth: false });
}

export function fetchMe(signal?: AbortSignal): Promise<SessionUser> {
  return apiFetch<SessionUser>('/auth/me', { signal });
}
