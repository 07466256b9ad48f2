import type { RequestUnplacedEvent } from '@akiwa/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { QueryKeys } from '../api/query-keys';
import { useSocketEvent } from '../lib/socket/use-socket';
import { storeEmergencyRequest } from './use-emergency-requests';

/**
 * A coordinator's live link to the requests of their organisation: `request:updated` carries the
 * whole view, which replaces the cached one (no refetch); `request:unplaced` is handed to the caller
 * (an alert banner) and refreshes that request.
 */
export function useEmergencyRequestsLive(onUnplaced: (event: RequestUnplacedEvent) => void): void {
  const queryClient = useQueryClient();
  const onUnplacedRef = useRef(onUnplaced);
  onUnplacedRef.current = onUnplaced;

  useSocketEvent('request:updated', ({ request }) => storeEmergencyRequest(queryClient, request));
  useSocketEvent('request:unplaced', (event) => {
    void queryClient.invalidateQueries({ queryKey: QueryKeys.emergencyRequests.detail(event.requestId) });
    void queryClient.invalidateQueries({ queryKey: QueryKeys.emergencyRequests.listAll() });
    onUnplacedRef.current(event);
  });
}
