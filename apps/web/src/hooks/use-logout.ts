import { useMutation, useQueryClient } from '@tanstack/react-query';
import { logout } from '../api/auth';
import { signOut } from '../features/auth/session-store';

/** Logs out locally at once and ends the session on the server (its sockets everywhere are closed). */
export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation<void, Error, void>({
    mutationFn: async () => {
      signOut('logged_out');
      queryClient.clear();
      await logout().catch(() => undefined);
    },
  });
}
