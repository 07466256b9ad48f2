import type { CsvImportReport, UnitVacancies, VacancyGender, VacancyNight } from '@akiwa/contracts';
import { useMutation, useQuery, useQueryClient, type QueryClient, type QueryKey } from '@tanstack/react-query';
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
import { saveDownload } from '../lib/download';
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
}

/** +/− taps still waiting (queued behind a write of the same unit), other than `except`. */
function pendingAdjusts(queryClient: QueryClient, unitId: string, except?: unknown): AdjustVariables[] {
  return queryClient
    .getMutationCache()
    .findAll({ mutationKey: MutationKeys.vacancyWrite(unitId), status: 'pending' })
    .map((m) => m.state.variables)
    .filter((v): v is AdjustVariables => v !== except && typeof v === 'object' && v !== null && 'delta' in v);
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

/**
 * Tonight's +/−: shown at once (optimistic), rolled back on failure, `current` adopted on 409. Taps
 * made offline wait in the unit's mutation scope (TanStack Query pauses them) and are sent one after
 * another once back online, each with the version known when it is sent.
 */
export function adjustVacancyOptions(queryClient: QueryClient, unitId: string, send: typeof adjustVacancy = adjustVacancy) {
  return {
    ...writeOptions(unitId),
    onMutate: async (vars: AdjustVariables) => {
      // A refetch finishing now would overwrite the optimistic figure with an older one.
      await queryClient.cancelQueries({ queryKey: QueryKeys.vacancies.unitAll(unitId) });
      updateUnitWindows(queryClient, unitId, (data, window) => bumpVacancy(data, window, vars.night, vars.gender, vars.delta, vacancyPolicyOf(queryClient)));
    },
    mutationFn: (vars: AdjustVariables) => send(unitId, { ...vars, expectedVersion: knownVacancyVersion(queryClient, unitId) }),
    onSuccess: (state: UnitVacancies, vars: AdjustVariables) => adoptServerState(queryClient, unitId, state, vars),
    onError: (error: ApiError, vars: AdjustVariables) => {
      const current = conflictCurrent<UnitVacancies>(error);
      if (current) adoptServerState(queryClient, unitId, current, vars);
      else updateUnitWindows(queryClient, unitId, (data, window) => bumpVacancy(data, window, vars.night, vars.gender, -vars.delta, vacancyPolicyOf(queryClient)));
    },
  };
}

export function useAdjustVacancy(unitId: string) {
  const queryClient = useQueryClient();
  return useMutation<UnitVacancies, ApiError, AdjustVariables>(adjustVacancyOptions(queryClient, unitId));
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
