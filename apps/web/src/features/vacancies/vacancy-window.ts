import type { NightWindowScope } from '../../api/query-keys';
import { addDays } from '../../lib/dates';

/** Nights a provider's screens show: tonight and the next 29. The list's cards and a unit's page share this cache entry. */
export const PROVIDER_NIGHTS = 30;

export function providerWindow(today: string): NightWindowScope {
  return { from: today, to: addDays(today, PROVIDER_NIGHTS - 1) };
}
