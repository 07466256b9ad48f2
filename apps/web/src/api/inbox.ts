import type { AcceptRequest, DeclineRequest, InboxItem, Page } from '@akiwa/contracts';
import { apiFetch } from './client';

/**
 * A provider's side of emergency requests (緊急依頼受信箱): de-identified until confirmed. Every
 * answer (accept, decline, withdraw) returns the provider's new inbox item.
 */

/** The newest 200 requests sent to the caller's organisation (the API's page maximum; older ones are closed). */
export async function fetchInbox(signal?: AbortSignal): Promise<InboxItem[]> {
  const page = await apiFetch<Page<InboxItem>>('/inbox', { query: { limit: 200, offset: 0 }, signal });
  return page.items;
}

export function fetchInboxItem(requestId: string, signal?: AbortSignal): Promise<InboxItem> {
  return apiFetch<InboxItem>(`/inbox/${encodeURIComponent(requestId)}`, { signal });
}

const requestPath = (id: string) => `/emergency-requests/${encodeURIComponent(id)}`;

export function acceptEmergencyRequest(requestId: string, body: AcceptRequest): Promise<InboxItem> {
  return apiFetch<InboxItem>(`${requestPath(requestId)}/accept`, { method: 'POST', body, idempotent: true });
}

export function declineEmergencyRequest(requestId: string, body: DeclineRequest): Promise<InboxItem> {
  return apiFetch<InboxItem>(`${requestPath(requestId)}/decline`, { method: 'POST', body });
}

export function withdrawOffer(offerId: string): Promise<InboxItem> {
  return apiFetch<InboxItem>(`/offers/${encodeURIComponent(offerId)}/withdraw`, { method: 'POST' });
}
