import { Paths } from '../layout/navigation';

/** The request screens' own paths (the list is Paths.coordinator.requests, the inbox Paths.provider.inbox). */
export const requestPaths = Object.freeze({
  list: Paths.coordinator.requests,
  create: `${Paths.coordinator.requests}/new`,
  detail: (id: string) => `${Paths.coordinator.requests}/${encodeURIComponent(id)}`,
});
