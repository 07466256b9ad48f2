import type { PushDevice } from '@akiwa/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiError } from '../api/client';
import { fetchPushDevices, fetchPushKey, revokePushDevice, subscribePushDevice } from '../api/push';
import { QueryKeys } from '../api/query-keys';

export function usePushDevices(userId: string) {
  return useQuery<PushDevice[], ApiError>({ queryKey: QueryKeys.alerts.pushDevices(userId), queryFn: ({ signal }) => fetchPushDevices(signal) });
}

function base64UrlToBytes(value: string): Uint8Array<ArrayBuffer> {
  const base64 = (value + '='.repeat((4 - (value.length % 4)) % 4)).replace(/-/g, '+').replace(/_/g, '/');
  const raw = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

/** Whether this browser can receive Web Push at all (service worker, Push API, notifications). */
export function pushSupported(): boolean {
  return typeof window !== 'undefined' && 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
}

/** Asks for permission, subscribes this device with the server's VAPID key, and registers it under a name. */
export function useEnablePush(userId: string) {
  const queryClient = useQueryClient();
  return useMutation<PushDevice, Error, { label: string }>({
    mutationFn: async ({ label }) => {
      if ((await Notification.requestPermission()) !== 'granted') throw new Error('permission');
      const registration = await navigator.serviceWorker.ready;
      const key = await fetchPushKey();
      const subscription =
        (await registration.pushManager.getSubscription()) ??
        (await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: base64UrlToBytes(key) }));
      const json = subscription.toJSON() as { endpoint: string; keys: { p256dh: string; auth: string } };
      return subscribePushDevice({ endpoint: json.endpoint, keys: json.keys, label });
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: QueryKeys.alerts.pushDevices(userId) }),
  });
}

export function useRevokePush(userId: string) {
  const queryClient = useQueryClient();
  return useMutation<void, ApiError, { id: string }>({
    mutationFn: ({ id }) => revokePushDevice(id),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: QueryKeys.alerts.pushDevices(userId) }),
  });
}
