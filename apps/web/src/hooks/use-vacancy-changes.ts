import { MutationObserver, useMutation, useMutationState, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { adjustVacancy } from '../api/vacancies';
import { QueryKeys } from '../api/query-keys';
import type { PendingChange } from '../lib/offline/change-store';
import { vacancyChangeQueue, type VacancyChangeQueue } from '../lib/offline/vacancy-change-queue';
import { adjustVacancyOptions, type AdjustVariables } from './use-vacancies';

/** The ids of the kept changes this page is sending now (or holding while offline). */
function changesInFlight(queryClient: QueryClient): Set<string> {
  return new Set(
    queryClient
      .getMutationCache()
      .findAll({ mutationKey: ['vacancies', 'write'], status: 'pending' })
      .map((m) => (m.state.variables as AdjustVariables | undefined)?.changeId)
      .filter((id): id is string => Boolean(id)),
  );
}

/**
 * Sends the changes the user's closed pages left behind (made offline, or sent without an answer),
 * through the same per-unit queue as new taps. Mounted once behind login, so they go out whichever
 * screen opens first; each waits for the network like a tap made offline.
 */
export async function resumeVacancyChanges(queryClient: QueryClient, changes: VacancyChangeQueue, userId: string, send = adjustVacancy): Promise<void> {
  const leftovers = await changes.takeOverLeftovers(userId, changesInFlight(queryClient));
  await Promise.all(
    leftovers.map((c) =>
      new MutationObserver(queryClient, adjustVacancyOptions(queryClient, c.unitId, send, changes, userId))
        .mutate({ night: c.night, gender: c.gender, delta: c.delta, changeId: c.id, replay: c.sent ? 'sent' : 'queued' })
        .catch(() => undefined), // a refusal is kept and shown (useRefusedChanges)
    ),
  );
}

export function useResumeVacancyChanges(userId: string, enabled: boolean): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    const changes = vacancyChangeQueue();
    if (!enabled || !changes) return;
    void resumeVacancyChanges(queryClient, changes, userId).catch(() => undefined);
  }, [queryClient, userId, enabled]);
}

/** Changes made while offline that the server refused once they could be sent, to be read and dismissed. */
export function useRefusedChanges(userId: string) {
  const queryClient = useQueryClient();
  const changes = vacancyChangeQueue();
  const refused = useQuery<PendingChange[]>({
    queryKey: QueryKeys.offline.refused(userId),
    queryFn: () => changes?.refused(userId) ?? [],
    staleTime: Infinity,
  });
  const dismiss = useMutation<void, Error, string>({
    mutationFn: async (id) => changes?.dismiss(id),
    onSettled: () => queryClient.invalidateQueries({ queryKey: QueryKeys.offline.refused() }),
  });
  return { refused: refused.data ?? [], dismiss };
}

/** How many +/− taps wait for the network (paused while offline). */
export function useWaitingChangeCount(): number {
  return useMutationState({
    filters: { mutationKey: ['vacancies', 'write'], status: 'pending', predicate: (m) => m.state.isPaused },
    select: (m) => m.mutationId,
  }).length;
}
