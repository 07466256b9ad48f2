import type { PushDevice, SubscribePush } from '@akiwa/contracts';
import { apiFetch } from './client';

/** Web Push: the server's VAPID key, and the caller's devices that receive notifications. */
export async function fetchPushKey(): Promise<string> {
  return (await apiFetch<{ publicKey: string }>('/push/key')).publicKey;
}

export function fetchPushDevices(signal?: AbortSignal): Promise<PushDevice[]> {
  return apiFetch<PushDevice[]>('/push/subscriptions', { signal });
}

export function subscribePushDevice(body: SubscribePush): Promise<PushDevice> {
  return apiFetch<PushDevice>('/push/subscriptions', { method: 'POST', body });
}

export function revokePushDevice(id: string): Promise<void> {
  return apiFetch<void>(`/push/subscriptions/${encodeURIComponent(id)}`, { method: 'DELETE' });
}
