import type { GeographyView } from '@akiwa/contracts';
import { apiFetch } from './client';

export function fetchGeography(signal?: AbortSignal): Promise<GeographyView> {
  return apiFetch<GeographyView>('/geography', { signal });
}
