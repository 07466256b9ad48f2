import type { AuditEntryView, AuditIntegrityView, MunicipalAuditEntryView, Page } from '@akiwa/contracts';
import { apiDownload, apiFetch } from './client';
import type { AuditScope } from './query-keys';

type Filters = Partial<Record<keyof AuditScope, string | number | null>>;

const query = (scope: Filters) => Object.fromEntries(Object.entries(scope).filter(([, v]) => v !== null && v !== '')) as Record<string, string | number>;

export function fetchAudit(scope: AuditScope, signal?: AbortSignal): Promise<Page<AuditEntryView>> {
  return apiFetch<Page<AuditEntryView>>('/admin/audit', { query: query(scope), signal });
}

export function fetchMunicipalAudit(scope: AuditScope, signal?: AbortSignal): Promise<Page<MunicipalAuditEntryView>> {
  return apiFetch<Page<MunicipalAuditEntryView>>('/audit', { query: query(scope), signal });
}

export function fetchAuditIntegrity(signal?: AbortSignal): Promise<AuditIntegrityView> {
  return apiFetch<AuditIntegrityView>('/admin/audit/integrity', { signal });
}

export function downloadAuditCsv(scope: AuditScope) {
  const { limit: _l, offset: _o, ...filter } = scope;
  return apiDownload('/admin/audit/export.csv', { query: query(filter) });
}
