import type { CreateUnitRequest, CsvImportReport, Page, SetAdmissionsRequest, UnitHistoryEntry, UnitView, UpdateUnitRequest } from '@akiwa/contracts';
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { conflictCurrent, type ApiError } from '../api/client';
import { QueryKeys } from '../api/query-keys';
import {
  createUnit,
  exportUnitsCsv,
  fetchMyUnits,
  fetchUnit,
  fetchUnitHistory,
  importUnitsCsv,
  retireUnit,
  setUnitAdmissions,
  updateUnit,
} from '../api/units';
import { saveDownload } from '../lib/download';

export function useMyUnits(organisationId: string) {
  return useQuery<Page<UnitView>, ApiError>({
    queryKey: QueryKeys.units.mine(organisationId),
    queryFn: ({ signal }) => fetchMyUnits(signal),
  });
}

export function useUnit(unitId: string) {
  return useQuery<UnitView, ApiError>({
    queryKey: QueryKeys.units.detail(unitId),
    queryFn: ({ signal }) => fetchUnit(unitId, signal),
  });
}

export function useUnitHistory(unitId: string, enabled = true) {
  return useQuery<UnitHistoryEntry[], ApiError>({
    queryKey: QueryKeys.units.history(unitId),
    queryFn: ({ signal }) => fetchUnitHistory(unitId, signal),
    enabled,
  });
}

/**
 * Puts a unit as the server now has it into every cache that shows it (detail and own list), so a
 * save, a 409's `current` and a live `unit:changed` all land the same way. Older versions are ignored.
 */
export function storeUnit(queryClient: QueryClient, unit: UnitView): void {
  queryClient.setQueryData<UnitView>(QueryKeys.units.detail(unit.id), (old) =>
    old && old.version > unit.version ? old : unit,
  );
  queryClient.setQueriesData<Page<UnitView>>({ queryKey: [...QueryKeys.units.all(), 'mine'] }, (page) => {
    if (!page) return page;
    const index = page.items.findIndex((u) => u.id === unit.id);
    if (index < 0) return page;
    if (page.items[index]!.version > unit.version) return page;
    const items = page.items.slice();
    if (unit.retiredAt) items.splice(index, 1);
    else items[index] = unit;
    return { ...page, items, total: unit.retiredAt ? page.total - 1 : page.total };
  });
  void queryClient.invalidateQueries({ queryKey: QueryKeys.units.history(unit.id) });
}

export function useCreateUnit() {
  const queryClient = useQueryClient();
  return useMutation<UnitView, ApiError, CreateUnitRequest>({
    mutationFn: createUnit,
    onSuccess: (unit) => {
      queryClient.setQueryData(QueryKeys.units.detail(unit.id), unit);
      return queryClient.invalidateQueries({ queryKey: [...QueryKeys.units.all(), 'mine'] });
    },
  });
}

export function useUpdateUnit(unitId: string) {
  const queryClient = useQueryClient();
  return useMutation<UnitView, ApiError, UpdateUnitRequest>({
    mutationFn: (changes) => updateUnit(unitId, changes),
    onSuccess: (unit) => storeUnit(queryClient, unit),
    onError: (error) => {
      // Someone saved first: show their version (the form re-bases on it), never silently overwrite.
      const current = conflictCurrent<UnitView>(error);
      if (current) storeUnit(queryClient, current);
    },
  });
}

export function useSetAdmissions(unitId: string) {
  const queryClient = useQueryClient();
  return useMutation<UnitView, ApiError, SetAdmissionsRequest>({
    mutationFn: (body) => setUnitAdmissions(unitId, body),
    onSuccess: (unit) => storeUnit(queryClient, unit),
  });
}

export function useRetireUnit(unitId: string) {
  const queryClient = useQueryClient();
  return useMutation<UnitView, ApiError, void>({
    mutationFn: () => retireUnit(unitId),
    onSuccess: (unit) => storeUnit(queryClient, unit),
  });
}

export function useExportUnitsCsv() {
  return useMutation<void, ApiError, void>({
    mutationFn: async () => saveDownload(await exportUnitsCsv(), 'units.csv'),
  });
}

export function useImportUnitsCsv() {
  const queryClient = useQueryClient();
  return useMutation<CsvImportReport, ApiError, File>({
    mutationFn: importUnitsCsv,
    onSuccess: (report) => {
      if (report.ok) void queryClient.invalidateQueries({ queryKey: QueryKeys.units.all() });
    },
  });
}
