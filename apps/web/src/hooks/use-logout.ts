import { useMutation, useQueryClient } from '@tanstack/react-query';
import { logout } from '../api/auth';
import { getRefreshToken, signOut } from '../features/auth/session-store';

/** Logs out locally at once; telling the server is best effort (the token expires anyway). */
export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation<void, Error, void>({
    mutationFn: async () => {
      const refreshToken = getRefreshToken();
      signOut('logged_out');
      queryClient.clear();
      if (refreshToken) await logout(refreshToken).catch(() => undefined);
    },
  });
}
