import type { LoginRequest, LoginResult } from '@akiwa/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { login } from '../api/auth';
import type { ApiError } from '../api/client';
import { signIn } from '../features/auth/session-store';

/** The password step; with two factors on, the result is a ticket for the code step (useLoginWithCode). */
export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation<LoginResult, ApiError, LoginRequest>({
    mutationFn: login,
    onSuccess: (result) => {
      if ('mfaRequired' in result) return;
      // Nothing cached for a previous user may leak into this session.
      queryClient.clear();
      signIn(result);
    },
  });
}
