import { useSyncExternalStore } from 'react';
import { createStore } from '../requests/inbox-alerts';

/** A banner for one request that arrived live: the de-identified one-line summary and where to open it. */
export interface AlertBannerItem {
  requestId: string;
  text: string;
}

const banners = createStore<readonly AlertBannerItem[]>([]);

export function showBanner(item: AlertBannerItem): void {
  banners.set([item, ...banners.get().filter((b) => b.requestId !== item.requestId)]);
}

export function dismissBanner(requestId: string): void {
  if (!banners.get().some((b) => b.requestId === requestId)) return;
  banners.set(banners.get().filter((b) => b.requestId !== requestId));
}

export function useBanners(): readonly AlertBannerItem[] {
  return useSyncExternalStore(banners.subscribe, banners.get);
}
