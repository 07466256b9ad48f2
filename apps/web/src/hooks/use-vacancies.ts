import type { CsvImportReport, UnitVacancies, VacancyGender, VacancyNight } from '@akiwa/contracts';
import { useMutation, useQuery, useQueryClient, type QueryClient, type QueryKey } from '@tanstack/react-query';
import { useCallback } from 'react';
import { conflictCurrent, type ApiError } from '../api/client';
import { MutationKeys, QueryKeys, type NightWindowScope } from '../api/query-keys';
import {
  adjustVacancy,
  confirmVacancies,
  exportVacanciesCsv,
  fetchUnitVacancies,
  importVacanciesCsv,
  setVacancyRange,
} from '../api/vacancies';
import { useSessionUser } from '../features/auth/session-store';
import { saveDownload } from '../lib/download';
import { newChangeId, vacancyChangeQueue, type VacancyChangeQueue } from '../lib/offline/vacancy-change-queue';
import { bumpVacancy, mergeVacancies, type NightWindow } from '../lib/vacancies';
import { vacancyPolicyOf } from './use-vacancy-policy';

export function useUnitVacancies(unitId: string, window: NightWindowScope, enabled = true) {
  return useQuery<UnitVacancies, ApiError>({
    queryKey: QueryKeys.vacancies.unit(unitId, window),
    queryFn: ({ signal }) => fetchUnitVacancies(unitId, window, signal),
    enabled,
    // live events patch it only while a screen showing it is open
    staleTime: 0,
  });
}

/* ---------- The unit-vacancies cache: every window of a unit is patched together ---------- */

/** The window a unit-vacancies key was made for (its last element). */
export function windowOfKey(key: QueryKey): NightWindow | null {
  const scope = key[3] as Partial<NightWindow> | undefined;
  return scope?.from && scope.to ? { from: scope.from, to: scope.to } : null;
}

export function updateUnitWindows(
  queryClient: QueryClient,
  unitId: string,
  update: (data: UnitVacancies, window: NightWindow) => UnitVacancies,
): void {
  for (const [key, data] of queryClient.getQueriesData<UnitVacancies>({ queryKey: QueryKeys.vacancies.unitAll(unitId) })) {
    const window = windowOfKey(key);
    if (data && window) queryClient.setQueryData<UnitVacancies>(key, update(data, window));
  }
}

/** The newest vacancy version any cached window of the unit knows: the expectedVersion of the next write. */
export function knownVacancyVersion(queryClient: QueryClient, unitId: string): number {
  let version = 0;
  for (const [, data] of queryClient.getQueriesData<UnitVacancies>({ queryKey: QueryKeys.vacancies.unitAll(unitId) })) {
    if (data) version = Math.max(version, data.vacancyVersion);
  }
  return version;
}

export interface AdjustVariables {
  night: string;
  gender: VacancyGender;
  delta: number;
  /** Its id in the offline queue (and its Idempotency-Key); absent: kept by this page only. */
  changeId?: string;
  /** Taken over from a closed page: 'sent' may have reached the server already, so it is not shown on top. */
  replay?: 'queued' | 'sent';
}

/** +/− taps still waiting (queued behind a write of the same unit), other than `except`. */
function pendingAdjusts(queryClient: QueryClient, unitId: string, except?: unknown): AdjustVariables[] {
  return queryClient
    .getMutationCache()
    .findAll({ mutationKey: MutationKeys.vacancyWrite(unitId), status: 'pending' })
    .map((m) => m.state.variables)
    .filter((v): v is AdjustVariables => v !== except && typeof v === 'object' && v !== null && 'delta' in v && (v as AdjustVariables).replay !== 'sent');
}

/**
 * Adopts the server's state of a unit (a write's answer or a 409's `current`) into every window,
 * then lays the taps still queued on top, so the numbers on screen never jump back and forth.
 */
export function adoptServerState(queryClient: QueryClient, unitId: string, state: UnitVacancies, except?: unknown): void {
  const pending = pendingAdjusts(queryClient, unitId, except);
  const policy = vacancyPolicyOf(queryClient);
  updateUnitWindows(queryClient, unitId, (data, window) =>
    pending.reduce(
      (acc, p) => bumpVacancy(acc, window, p.night, p.gender, p.delta, policy),
      mergeVacancies(data, window, state.nights, state.vacancyVersion, policy),
    ),
  );
}

/** Applies a live event's rows (another member of staff, a hold, an import). */
export function applyVacancyRows(queryClient: QueryClient, unitId: string, rows: VacancyNight[], vacancyVersion: number): void {
  const policy = vacancyPolicyOf(queryClient);
  updateUnitWindows(queryClient, unitId, (data, window) => mergeVacancies(data, window, rows, vacancyVersion, policy));
}

/**
 * Every vacancy write of one unit shares a mutation scope, so writes run one after another and each
 * reads its expectedVersion when it actually starts (two quick taps never conflict with each other).
 */
const writeOptions = (unitId: string) => ({
  mutationKey: MutationKeys.vacancyWrite(unitId),
  scope: { id: `vacancies:${unitId}` },
});

/** The version a write expects: the newest one cached, or the server's when no screen of the unit is open (a replay). */
async function versionToExpect(queryClient: QueryClient, unitId: string, night: string): Promise<number> {
  if (queryClient.getQueriesData<UnitVacancies>({ queryKey: QueryKeys.vacancies.unitAll(unitId) }).some(([, data]) => data)) {
    return knownVacancyVersion(queryClient, unitId);
  }
  return (await fetchUnitVacancies(unitId, { from: night, to: night })).vacancyVersion;
}

/**
 * Tonight's +/−: shown at once (optimistic), rolled back on failure, `current` adopted on 409. Taps
 * made offline wait in the unit's mutation scope (TanStack Query pauses them) and are sent one after
 * another once back online, each with the version known when it is sent.
 *
 * With the offline queue (`queue`), each tap is also written to IndexedDB before anything else and
 * removed once the server has answered, so it outlives the tab: a failed connection is retried with
 * the same body and Idempotency-Key until an answer comes, and a page opened later sends what a
 * closed one left (see VacancyChangeQueue and useResumeVacancyChanges).
 */
export function adjustVacancyOptions(
  queryClient: QueryClient,
  unitId: string,
  send: typeof adjustVacancy = adjustVacancy,
  queue: VacancyChangeQueue | null = null,
  userId: string | null = null,
) {
  const kept = (vars: AdjustVariables) => (queue && vars.changeId ? { queue, id: vars.changeId } : null);
  const policy = () => vacancyPolicyOf(queryClient);
  return {
    ...writeOptions(unitId),
    // kept changes only: the same body and key again cannot apply twice; paused while offline
    retry: (_failures: number, error: ApiError) => queue !== null && error.isNetworkError,
    onMutate: async (vars: AdjustVariables) => {
      const k = kept(vars);
      if (k && !vars.replay && userId) await k.queue.record({ id: k.id, userId, unitId, night: vars.night, gender: vars.gender, delta: vars.delta });
      // A refetch finishing now would overwrite the optimistic figure with an older one.
      await queryClient.cancelQueries({ queryKey: QueryKeys.vacancies.unitAll(unitId) });
      if (vars.replay !== 'sent') updateUnitWindows(queryClient, unitId, (data, window) => bumpVacancy(data, window, vars.night, vars.gender, vars.delta, policy()));
    },
    mutationFn: async (vars: AdjustVariables) => {
      const fresh = async () => ({ night: vars.night, gender: vars.gender, delta: vars.delta, expectedVersion: await versionToExpect(queryClient, unitId, vars.night) });
      const k = kept(vars);
      if (!k) return send(unitId, await fresh());
      return send(unitId, await k.queue.bodyToSend(k.id, fresh), k.id);
    },
    onSuccess: async (state: UnitVacancies, vars: AdjustVariables) => {
      adoptServerState(queryClient, unitId, state, vars);
      const k = kept(vars);
      if (k) await k.queue.done(k.id);
      // a replayed change's answer may be the server's record of an older state: read the unit again
      if (vars.replay) await queryClient.invalidateQueries({ queryKey: QueryKeys.vacancies.unitAll(unitId) });
    },
    onError: async (error: ApiError, vars: AdjustVariables) => {
      const current = conflictCurrent<UnitVacancies>(error);
      if (current) adoptServerState(queryClient, unitId, current, vars);
      else if (vars.replay !== 'sent') updateUnitWindows(queryClient, unitId, (data, window) => bumpVacancy(data, window, vars.night, vars.gender, -vars.delta, policy()));
      const k = kept(vars);
      // no answer, or the session must be resumed first: kept for the next attempt or page
      if (!k || error.isNetworkError || error.status === 401) return;
      if (vars.replay) {
        // the page that made it is gone: its user is told on the vacancy screen
        await k.queue.refuse(k.id, { status: error.status, message: error.body.message, at: new Date().toISOString() });
        await queryClient.invalidateQueries({ queryKey: QueryKeys.vacancies.unitAll(unitId) });
        await queryClient.invalidateQueries({ queryKey: QueryKeys.offline.refused() });
      } else {
        await k.queue.done(k.id); // this page shows why (TonightControls)
      }
    },
  };
}

export function useAdjustVacancy(unitId: string) {
  const queryClient = useQueryClient();
  const user = useSessionUser();
  const queue = vacancyChangeQueue();
  const mutation = useMutation<UnitVacancies, ApiError, AdjustVariables>(adjustVacancyOptions(queryClient, unitId, adjustVacancy, queue, user.id));
  const { mutate } = mutation;
  // every tap gets its id (and Idempotency-Key) when it is made
  const mutateKept = useCallback<typeof mutate>((vars, options) => mutate({ ...vars, changeId: vars.changeId ?? newChangeId() }, options), [mutate]);
  return { ...mutation, mutate: mutateKept };
}

export function useSetVacancyRange(unitId: string) {
  const queryClient = useQueryClient();
  return useMutation<UnitVacancies, ApiError, { from: string; to: string; gender: VacancyGender; free: number }>({
    ...writeOptions(unitId),
    mutationFn: (vars) => setVacancyRange(unitId, { ...vars, expectedVersion: knownVacancyVersion(queryClient, unitId) }),
    onSuccess: (state) => adoptServerState(queryClient, unitId, state),
    onError: (error) => {
      const current = conflictCurrent<UnitVacancies>(error);
      if (current) adoptServerState(queryClient, unitId, current);
    },
  });
}

/** 「この内容で正しい」: re-confirms every figure from tonight on. */
export function useConfirmVacancies(unitId: string) {
  const queryClient = useQueryClient();
  return useMutation<UnitVacancies, ApiError, void>({
    ...writeOptions(unitId),
    mutationFn: () => confirmVacancies(unitId, { expectedVersion: knownVacancyVersion(queryClient, unitId) }),
    onSuccess: (state) => adoptServerState(queryClient, unitId, state),
    onError: (error) => {
      const current = conflictCurrent<UnitVacancies>(error);
      if (current) adoptServerState(queryClient, unitId, current);
    },
  });
}

export function useExportVacanciesCsv() {
  return useMutation<void, ApiError, NightWindowScope>({
    mutationFn: async (window) => saveDownload(await exportVacanciesCsv(window), `vacancies-${window.from}.csv`),
  });
}

export function useImportVacanciesCsv() {
  const queryClient = useQueryClient();
  return useMutation<CsvImportReport, ApiError, File>({
    mutationFn: importVacanciesCsv,
    onSuccess: (report) => {
      if (report.ok) void queryClient.invalidateQueries({ queryKey: QueryKeys.vacancies.all() });
    },
  });
}
