import type { CreateRegistrationRequest, CsvImportReport, LedgerSearchQuery, RegistrationChange, RegistrationListItem, RegistrationView, RequestDraft, UpdateRegistrationRequest } from '@akiwa/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiError } from '../api/client';
import {
  createRegistration, exportLedgerCsv, fetchRegistration, fetchRegistrationHistory, fetchRequestDraft, importLedgerCsv, searchLedger, shareRegistration, updateRegistration,
  withdrawRegistration,
} from '../api/ledger';
import { QueryKeys } from '../api/query-keys';
import { useSessionUser } from '../features/auth/session-store';
import { saveDownload } from '../lib/download';

/** The ledger as the caller's organisation may read it (every page read is audited by the API). */
export function useLedgerSearch(q: LedgerSearchQuery) {
  const org = useSessionUser().organisation.id;
  return useQuery<RegistrationListItem[], ApiError>({
    queryKey: QueryKeys.ledger.search(org, { ...q }),
    queryFn: ({ signal }) => searchLedger(q, signal),
    placeholderData: keepPreviousData,
  });
}

export function useRegistration(id: string | undefined) {
  const org = useSessionUser().organisation.id;
  return useQuery<RegistrationView, ApiError>({
    queryKey: QueryKeys.ledger.detail(org, id ?? ''),
    queryFn: ({ signal }) => fetchRegistration(id!, signal),
    enabled: Boolean(id),
  });
}

export function useRegistrationHistory(id: string) {
  const org = useSessionUser().organisation.id;
  return useQuery<RegistrationChange[], ApiError>({
    queryKey: QueryKeys.ledger.history(org, id),
    queryFn: ({ signal }) => fetchRegistrationHistory(id, signal),
  });
}

/** What an emergency request from this registration starts with. */
export function useRequestDraft(id: string | null) {
  const org = useSessionUser().organisation.id;
  return useQuery<RequestDraft, ApiError>({
    queryKey: QueryKeys.ledger.draft(org, id ?? ''),
    queryFn: ({ signal }) => fetchRequestDraft(id!, signal),
    enabled: Boolean(id),
    staleTime: 0,
  });
}

function useStoreRegistration() {
  const queryClient = useQueryClient();
  const org = useSessionUser().organisation.id;
  return (view: RegistrationView) => {
    queryClient.setQueryData(QueryKeys.ledger.detail(org, view.id), view);
    void queryClient.invalidateQueries({ queryKey: ['ledger', org, 'search'] });
    void queryClient.invalidateQueries({ queryKey: QueryKeys.ledger.history(org, view.id) });
  };
}

export function useCreateRegistration() {
  const store = useStoreRegistration();
  return useMutation<RegistrationView, ApiError, CreateRegistrationRequest>({ mutationFn: createRegistration, onSuccess: store });
}

export function useUpdateRegistration(id: string) {
  const store = useStoreRegistration();
  return useMutation<RegistrationView, ApiError, UpdateRegistrationRequest>({ mutationFn: (body) => updateRegistration(id, body), onSuccess: store });
}

export function useConsentChange(id: string) {
  const store = useStoreRegistration();
  return useMutation<RegistrationView, ApiError, { organisationId: string; action: 'share' | 'withdraw' }>({
    mutationFn: ({ organisationId, action }) => (action === 'share' ? shareRegistration(id, organisationId) : withdrawRegistration(id, organisationId)),
    onSuccess: store,
  });
}

export function useImportLedgerCsv() {
  const queryClient = useQueryClient();
  return useMutation<CsvImportReport, ApiError, File>({
    mutationFn: importLedgerCsv,
    onSuccess: (report) => {
      if (report.ok) void queryClient.invalidateQueries({ queryKey: QueryKeys.ledger.all() });
    },
  });
}

export function useExportLedgerCsv() {
  return useMutation<void, ApiError, string | undefined>({
    mutationFn: async (municipalityCode) => saveDownload(await exportLedgerCsv(municipalityCode), 'ledger.csv'),
  });
}
