import type { CreatedWebhookEndpoint, CreateWebhookRequest, WebhookEndpointView } from '@akiwa/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiError } from '../api/client';
import { QueryKeys } from '../api/query-keys';
import { createWebhook, deleteWebhook, enableWebhook, fetchWebhooks } from '../api/webhooks';

export function useWebhooks() {
  return useQuery<WebhookEndpointView[], ApiError>({ queryKey: QueryKeys.webhooks.all(), queryFn: ({ signal }) => fetchWebhooks(signal) });
}

function useWebhookMutation<T, V>(mutationFn: (v: V) => Promise<T>) {
  const queryClient = useQueryClient();
  return useMutation<T, ApiError, V>({ mutationFn, onSuccess: () => queryClient.invalidateQueries({ queryKey: QueryKeys.webhooks.all() }) });
}

export const useCreateWebhook = () => useWebhookMutation<CreatedWebhookEndpoint, CreateWebhookRequest>(createWebhook);
export const useEnableWebhook = () => useWebhookMutation<WebhookEndpointView, string>(enableWebhook);
export const useDeleteWebhook = () => useWebhookMutation<void, string>(deleteWebhook);
