import type { AlertChannel, AlertNotification, EscalationView, InboxItem, RequestReceipt, UrgentContactView } from '@akiwa/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { acknowledgeUrgentContact, fetchEscalations, fetchMyUrgentContacts, fetchReceipts, markDelivered, markSeen, raiseUrgentContact } from '../api/alerts';
import type { ApiError } from '../api/client';
import { QueryKeys } from '../api/query-keys';
import { useSocketEvent } from '../lib/socket/use-socket';
import { storeInboxItem } from './use-inbox';

/** 確認しました: the new inbox item (with who saw it) replaces the cached one. */
export function useMarkSeen(organisationId: string) {
  const queryClient = useQueryClient();
  return useMutation<InboxItem, ApiError, { requestId: string }>({
    mutationFn: ({ requestId }) => markSeen(requestId),
    onSuccess: (item) => storeInboxItem(queryClient, organisationId, item),
  });
}

/** Fire and forget: a failed delivery report only leaves the coordinator's "delivered" empty. */
export function reportDelivered(requestId: string, channel: AlertChannel): void {
  void markDelivered(requestId, channel).catch(() => undefined);
}

export function useReceipts(requestId: string) {
  return useQuery<RequestReceipt[], ApiError>({
    queryKey: QueryKeys.alerts.receipts(requestId),
    queryFn: ({ signal }) => fetchReceipts(requestId, signal),
  });
}

/** Coordinators: a provider's delivery or acknowledgement changed → refetch that request's receipts. */
export function useReceiptsLive(): void {
  const queryClient = useQueryClient();
  const refetch = (requestId: string) => {
    void queryClient.invalidateQueries({ queryKey: QueryKeys.alerts.receipts(requestId) });
    void queryClient.invalidateQueries({ queryKey: QueryKeys.alerts.escalations(requestId) });
  };
  useSocketEvent('request:receipts', ({ requestId }) => refetch(requestId));
  // an answer (offer, decline) also moves a provider's row
  useSocketEvent('request:updated', ({ request }) => refetch(request.id));
}

export function useEscalations(requestId: string) {
  return useQuery<EscalationView[], ApiError>({
    queryKey: QueryKeys.alerts.escalations(requestId),
    queryFn: ({ signal }) => fetchEscalations(requestId, signal),
  });
}

/** Alerts addressed to me (escalations, urgent contacts), for the banner. */
export function useAlertNotifications(onNotification: (n: AlertNotification) => void): void {
  useSocketEvent('alert:notification', ({ notification }) => onNotification(notification));
}

export function useMyUrgentContacts(organisationId: string) {
  return useQuery<UrgentContactView[], ApiError>({ queryKey: QueryKeys.alerts.urgentContacts(organisationId), queryFn: ({ signal }) => fetchMyUrgentContacts(signal) });
}

export function useRaiseUrgentContact(organisationId: string) {
  const queryClient = useQueryClient();
  return useMutation<UrgentContactView, ApiError, { summary: string }>({
    mutationFn: ({ summary }) => raiseUrgentContact(summary),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: QueryKeys.alerts.urgentContacts(organisationId) }),
  });
}

export function useAcknowledgeUrgentContact() {
  return useMutation<UrgentContactView, ApiError, { id: string }>({ mutationFn: ({ id }) => acknowledgeUrgentContact(id) });
}
