import type { AuditEntryView, AuditIntegrityView, MunicipalAuditEntryView, Page } from '@akiwa/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { fetchAudit, fetchAuditIntegrity, fetchMunicipalAudit } from '../api/audit';
import type { ApiError } from '../api/client';
import { QueryKeys, type AuditScope } from '../api/query-keys';

export function useAudit(scope: AuditScope) {
  return useQuery<Page<AuditEntryView>, ApiError>({
    queryKey: QueryKeys.audit.list(scope),
    queryFn: ({ signal }) => fetchAudit(scope, signal),
    placeholderData: keepPreviousData,
  });
}

export function useMunicipalAudit(scope: AuditScope) {
  return useQuery<Page<MunicipalAuditEntryView>, ApiError>({
    queryKey: QueryKeys.audit.municipal(scope),
    queryFn: ({ signal }) => fetchMunicipalAudit(scope, signal),
    placeholderData: keepPreviousData,
  });
}

/** The audit chain's last verification; re-read every minute so a break shows without a reload. */
export function useAuditIntegrity() {
  return useQuery<AuditIntegrityView, ApiError>({
    queryKey: QueryKeys.audit.integrity(),
    queryFn: ({ signal }) => fetchAuditIntegrity(signal),
    refetchInterval: 60_000,
  });
}
