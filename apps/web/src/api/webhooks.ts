import type { CreatedWebhookEndpoint, CreateWebhookRequest, WebhookEndpointView } from '@akiwa/contracts';
import { apiFetch } from './client';

export function fetchWebhooks(signal?: AbortSignal): Promise<WebhookEndpointView[]> {
  return apiFetch<WebhookEndpointView[]>('/admin/webhooks', { signal });
}

export function createWebhook(body: CreateWebhookRequest): Promise<CreatedWebhookEndpoint> {
  return apiFetch<CreatedWebhookEndpoint>('/admin/webhooks', { method: 'POST', body });
}

export function enableWebhook(id: string): Promise<WebhookEndpointView> {
  return apiFetch<WebhookEndpointView>(`/admin/webhooks/${encodeURIComponent(id)}/enable`, { method: 'POST' });
}

export function deleteWebhook(id: string): Promise<void> {
  return apiFetch<void>(`/admin/webhooks/${encodeURIComponent(id)}`, { method: 'DELETE' });
}
