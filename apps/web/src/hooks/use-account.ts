import type { ChangePasswordRequest, LoginResponse, MfaEnrolment, MfaLoginRequest, MfaRecoveryCodes, MfaStatus, PasswordResetResponse } from '@akiwa/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { changePassword, disableMfa, fetchMfaStatus, loginWithCode, resetUserMfa, resetUserPassword, startMfaEnrolment, verifyMfaEnrolment } from '../api/account';
import type { ApiError } from '../api/client';
import { QueryKeys } from '../api/query-keys';
import { signIn } from '../features/auth/session-store';

export function useLoginWithCode() {
  const queryClient = useQueryClient();
  return useMutation<LoginResponse, ApiError, MfaLoginRequest>({
    mutationFn: loginWithCode,
    onSuccess: (response) => {
      queryClient.clear();
      signIn(response);
    },
  });
}

export function useMfaStatus(userId: string) {
  return useQuery<MfaStatus, ApiError>({ queryKey: QueryKeys.session.mfa(userId), queryFn: ({ signal }) => fetchMfaStatus(signal) });
}

export function useStartMfaEnrolment() {
  return useMutation<MfaEnrolment, ApiError, void>({ mutationFn: startMfaEnrolment });
}

export function useVerifyMfaEnrolment(userId: string) {
  const queryClient = useQueryClient();
  return useMutation<MfaRecoveryCodes, ApiError, string>({
    mutationFn: verifyMfaEnrolment,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: QueryKeys.session.mfa(userId) }),
  });
}

export function useDisableMfa(userId: string) {
  const queryClient = useQueryClient();
  return useMutation<void, ApiError, string>({
    mutationFn: disableMfa,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: QueryKeys.session.mfa(userId) }),
  });
}

export function useChangePassword() {
  return useMutation<void, ApiError, ChangePasswordRequest>({ mutationFn: changePassword });
}

export function useResetUserPassword() {
  return useMutation<PasswordResetResponse, ApiError, string>({ mutationFn: resetUserPassword });
}

export function useResetUserMfa() {
  return useMutation<void, ApiError, string>({ mutationFn: resetUserMfa });
}
