import type { AlertChannel, EscalationView, InboxItem, RequestReceipt, UrgentContactView } from '@akiwa/contracts';
import { apiFetch } from './client';

/** Alerts: a device reports delivery, a person acknowledges (確認しました), the coordinator follows both. */
const inboxPath = (requestId: string) => `/inbox/${encodeURIComponent(requestId)}`;

export function markDelivered(requestId: string, channel: AlertChannel): Promise<void> {
  return apiFetch<void>(`${inboxPath(requestId)}/delivered`, { method: 'POST', body: { channel } });
}

export function markSeen(requestId: string): Promise<InboxItem> {
  return apiFetch<InboxItem>(`${inboxPath(requestId)}/seen`, { method: 'POST' });
}

export function fetchReceipts(requestId: string, signal?: AbortSignal): Promise<RequestReceipt[]> {
  return apiFetch<RequestReceipt[]>(`/emergency-requests/${encodeURIComponent(requestId)}/receipts`, { signal });
}

export function fetchEscalations(requestId: string, signal?: AbortSignal): Promise<EscalationView[]> {
  return apiFetch<EscalationView[]>(`/emergency-requests/${encodeURIComponent(requestId)}/escalations`, { signal });
}

export function raiseUrgentContact(summary: string): Promise<UrgentContactView> {
  return apiFetch<UrgentContactView>('/urgent-contacts', { method: 'POST', body: { summary } });
}

export function fetchMyUrgentContacts(signal?: AbortSignal): Promise<UrgentContactView[]> {
  return apiFetch<UrgentContactView[]>('/urgent-contacts/mine', { signal });
}

export function acknowledgeUrgentContact(id: string): Promise<UrgentContactView> {
  return apiFetch<UrgentContactView>(`/urgent-contacts/${encodeURIComponent(id)}/ack`, { method: 'POST' });
}
