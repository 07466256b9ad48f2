import type { ApiKeyView, IssueApiKeyRequest, IssuedApiKey } from '@akiwa/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiError } from '../api/client';
import { fetchApiKeys, issueApiKey, revokeApiKey } from '../api/api-keys';
import { QueryKeys } from '../api/query-keys';

export function useApiKeys(organisationId: string | null) {
  return useQuery<ApiKeyView[], ApiError>({
    queryKey: QueryKeys.apiKeys.list(organisationId),
    queryFn: ({ signal }) => fetchApiKeys(organisationId, signal),
  });
}

export function useIssueApiKey() {
  const queryClient = useQueryClient();
  return useMutation<IssuedApiKey, ApiError, IssueApiKeyRequest>({
    mutationFn: issueApiKey,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: QueryKeys.apiKeys.all() }),
  });
}

export function useRevokeApiKey() {
  const queryClient = useQueryClient();
  return useMutation<ApiKeyView, ApiError, string>({
    mutationFn: revokeApiKey,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: QueryKeys.apiKeys.all() }),
  });
}
