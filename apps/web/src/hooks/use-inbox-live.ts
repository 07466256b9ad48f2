import type { InboxItem } from '@akiwa/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { useSocketEvent } from '../lib/socket/use-socket';
import { QueryKeys } from '../api/query-keys';
import { storeInboxItem } from './use-inbox';

/**
 * A provider's live inbox: a newly matched request is prepended to the cached list and handed to
 * `onReceived` (highlight, badge, sound); `inbox:updated` replaces the item (held, confirmed with the
 * person's details, released, closed). Missed events are caught up by the socket's refetch-on-reconnect.
 */
export function useInboxLive(organisationId: string, onReceived: (item: InboxItem) => void): void {
  const queryClient = useQueryClient();
  const onReceivedRef = useRef(onReceived);
  onReceivedRef.current = onReceived;

  useSocketEvent('request:received', ({ item }) => {
    storeInboxItem(queryClient, organisationId, item);
    onReceivedRef.current(item);
  });
  useSocketEvent('inbox:updated', ({ item }) => {
    storeInboxItem(queryClient, organisationId, item);
    // The person's details shown to the placed provider may have been added or corrected (the
    // unregistered person flow): read them again — an audited read, only where they are on screen.
    const personKey = QueryKeys.inbox.item(organisationId, item.requestId);
    if (item.status === 'placed' && queryClient.getQueryData(personKey)) void queryClient.invalidateQueries({ queryKey: personKey, exact: true });
  });
}
