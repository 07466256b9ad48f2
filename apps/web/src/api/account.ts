import type {
  ChangePasswordRequest,
  LoginResponse,
  MfaEnrolment,
  MfaLoginRequest,
  MfaRecoveryCodes,
  MfaStatus,
  PasswordResetResponse,
} from '@akiwa/contracts';
import { apiFetch } from './client';

/** The second login step: the code from the authenticator app (or a recovery code) with the ticket. */
export function loginWithCode(body: MfaLoginRequest): Promise<LoginResponse> {
  return apiFetch<LoginResponse>('/auth/login/mfa', { method: 'POST', body, auth: false });
}

export function fetchMfaStatus(signal?: AbortSignal): Promise<MfaStatus> {
  return apiFetch<MfaStatus>('/auth/mfa', { signal });
}

export function startMfaEnrolment(): Promise<MfaEnrolment> {
  return apiFetch<MfaEnrolment>('/auth/mfa/enrol', { method: 'POST' });
}

export function verifyMfaEnrolment(code: string): Promise<MfaRecoveryCodes> {
  return apiFetch<MfaRecoveryCodes>('/auth/mfa/verify', { method: 'POST', body: { code } });
}

export function disableMfa(code: string): Promise<void> {
  return apiFetch<void>('/auth/mfa/disable', { method: 'POST', body: { code } });
}

export function changePassword(body: ChangePasswordRequest): Promise<void> {
  return apiFetch<void>('/auth/password', { method: 'POST', body });
}

export function resetUserPassword(userId: string): Promise<PasswordResetResponse> {
  return apiFetch<PasswordResetResponse>(`/admin/users/${encodeURIComponent(userId)}/password-reset`, { method: 'POST' });
}

/** An admin removes a user's second factor (every session of theirs ends; they enrol again when required). */
export function resetUserMfa(userId: string): Promise<void> {
  return apiFetch<void>(`/admin/users/${encodeURIComponent(userId)}/mfa-reset`, { method: 'POST' });
}
