import { useSyncExternalStore } from 'react';
import { createStore } from '../requests/inbox-alerts';

/** A banner for one request that arrived live: the de-identified one-line summary and where to open it. */
export interface AlertBannerItem {
  /** One banner per key: a request that arrived live (its id) or an alert addressed to me (`n-…`). */
  key: string;
  text: string;
  /** Where the one-tap link leads. */
  url: string;
  /** When set, the banner offers 確認しました for this request (providers). */
  seenRequestId?: string;
  /** When set, the banner offers 確認しました for this urgent contact (coordinators). */
  contactId?: string;
}

const banners = createStore<readonly AlertBannerItem[]>([]);

export function showBanner(item: AlertBannerItem): void {
  banners.set([item, ...banners.get().filter((b) => b.key !== item.key)]);
}

export function dismissBanner(key: string): void {
  if (!banners.get().some((b) => b.key === key)) return;
  banners.set(banners.get().filter((b) => b.key !== key));
}

/** 確認しました closes every banner about that request. */
export function dismissRequestBanners(requestId: string): void {
  banners.set(banners.get().filter((b) => b.key !== requestId && b.seenRequestId !== requestId));
}

export function useBanners(): readonly AlertBannerItem[] {
  return useSyncExternalStore(banners.subscribe, banners.get);
}
