import type { ApiKeyView, IssueApiKeyRequest, IssuedApiKey } from '@akiwa/contracts';
import { apiFetch } from './client';

export function fetchApiKeys(organisationId: string | null, signal?: AbortSignal): Promise<ApiKeyView[]> {
  return apiFetch<ApiKeyView[]>('/admin/api-keys', { query: organisationId ? { organisationId } : {}, signal });
}

export function issueApiKey(body: IssueApiKeyRequest): Promise<IssuedApiKey> {
  return apiFetch<IssuedApiKey>('/admin/api-keys', { method: 'POST', body });
}

export function revokeApiKey(id: string): Promise<ApiKeyView> {
  return apiFetch<ApiKeyView>(`/admin/api-keys/${encodeURIComponent(id)}/revoke`, { method: 'POST' });
}
