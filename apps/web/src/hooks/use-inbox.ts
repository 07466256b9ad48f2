import type { DeclineReason, InboxItem } from '@akiwa/contracts';
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { ApiError } from '../api/client';
import { acceptEmergencyRequest, declineEmergencyRequest, fetchInbox, fetchInboxItem, withdrawOffer } from '../api/inbox';
import { QueryKeys } from '../api/query-keys';

/** Newest first: the request that arrived last is the one to read first. */
export function sortInbox(items: readonly InboxItem[]): InboxItem[] {
  return [...items].sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
}

/** Inserts or replaces one item (by request) in the cached inbox of an organisation. */
export function storeInboxItem(queryClient: QueryClient, organisationId: string, item: InboxItem): void {
  queryClient.setQueryData<InboxItem[]>(QueryKeys.inbox.list(organisationId), (items) => {
    if (!items) return items; // not loaded yet: the first fetch will bring it
    const others = items.filter((existing) => existing.requestId !== item.requestId);
    // pushes withhold the decline note (personal data, read only through an audited GET): keep ours
    const old = items.find((existing) => existing.requestId === item.requestId)?.response;
    const response =
      item.response?.kind === 'declined' && item.response.note === null && old?.kind === 'declined' && old.reason === item.response.reason
        ? { ...item.response, note: old.note }
        : item.response;
    return sortInbox([{ ...item, response }, ...others]);
  });
}

/** The provider's inbox: kept live by `request:received` / `inbox:updated` (see use-inbox-live). */
export function useInbox(organisationId: string) {
  return useQuery<InboxItem[], ApiError>({
    queryKey: QueryKeys.inbox.list(organisationId),
    queryFn: async ({ signal }) => sortInbox(await fetchInbox(signal)),
  });
}

/**
 * The person's details, for the confirmed provider only. Lists and pushes never carry them (a push
 * is not an audited read): the item is read on its own, once, when the details are to be shown.
 */
export function useInboxItemWithPerson(organisationId: string, requestId: string, enabled: boolean) {
  return useQuery<InboxItem, ApiError>({
    queryKey: QueryKeys.inbox.item(organisationId, requestId),
    queryFn: ({ signal }) => fetchInboxItem(requestId, signal),
    enabled,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

function isInboxItem(value: unknown): value is InboxItem {
  return typeof value === 'object' && value !== null && 'requestId' in value && 'matchingUnits' in value;
}

/** Writes may answer with the new inbox item; otherwise (an offer, nothing) the inbox is refetched. */
function useInboxWrite<V>(organisationId: string, write: (variables: V) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation<unknown, ApiError, V>({
    mutationFn: write,
    onSuccess: (result) => {
      if (isInboxItem(result)) storeInboxItem(queryClient, organisationId, result);
      else void queryClient.invalidateQueries({ queryKey: QueryKeys.inbox.list(organisationId) });
    },
    // A refusal (already placed, bed gone) means our copy is old.
    onError: () => void queryClient.invalidateQueries({ queryKey: QueryKeys.inbox.list(organisationId) }),
  });
}

export function useAcceptRequest(organisationId: string) {
  return useInboxWrite<{ requestId: string; unitId: string }>(organisationId, ({ requestId, unitId }) =>
    acceptEmergencyRequest(requestId, { unitId }),
  );
}

export function useDeclineRequest(organisationId: string) {
  return useInboxWrite<{ requestId: string; reason: DeclineReason; note?: string }>(organisationId, ({ requestId, reason, note }) =>
    declineEmergencyRequest(requestId, note ? { reason, note } : { reason }),
  );
}

export function useWithdrawOffer(organisationId: string) {
  return useInboxWrite<{ offerId: string }>(organisationId, ({ offerId }) => withdrawOffer(offerId));
}
