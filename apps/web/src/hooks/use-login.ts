import type { LoginRequest, LoginResponse } from '@akiwa/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { login } from '../api/auth';
import type { ApiError } from '../api/client';
import { signIn } from '../features/auth/session-store';

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation<LoginResponse, ApiError, LoginRequest>({
    mutationFn: login,
    onSuccess: (response) => {
      // Nothing cached for a previous user may leak into this session.
      queryClient.clear();
      signIn(response);
    },
  });
}
