import { useQueryClient } from '@tanstack/react-query';
import { QueryKeys } from '../api/query-keys';
import { useSocketEvent } from '../lib/socket/use-socket';

/**
 * Keeps trial-stay screens live: the server sends `trial-stay:changed` to both organisations of a
 * stay (their rooms are joined at connection), and `vacancy:changed` of our own units may open a bed
 * for a waiting person. Events only trigger refetches, so an event missed while offline costs nothing:
 * the socket's reconnection refetches every query anyway.
 */
export function useTrialLive(organisationId: string): void {
  const queryClient = useQueryClient();
  useSocketEvent('trial-stay:changed', () => {
    void queryClient.invalidateQueries({ queryKey: QueryKeys.trialStays.all() });
  });
  useSocketEvent('vacancy:changed', (event) => {
    if (event.organisationId === organisationId) void queryClient.invalidateQueries({ queryKey: QueryKeys.trialStays.waitingPrompts(organisationId) });
  });
}
