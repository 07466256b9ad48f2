import type {
  CreateRegistrationRequest,
  CsvImportReport,
  LedgerSearchQuery,
  RegistrationChange,
  RegistrationListItem,
  RegistrationView,
  RequestDraft,
  UpdateRegistrationRequest,
} from '@akiwa/contracts';
import { apiDownload, apiFetch } from './client';
import { importCsv } from './units';

/** 登録者台帳 (緊急時利用登録): search, read, write, consent, CSV. */
const registrationPath = (id: string) => `/ledger/registrations/${encodeURIComponent(id)}`;

export function searchLedger(q: LedgerSearchQuery, signal?: AbortSignal): Promise<RegistrationListItem[]> {
  return apiFetch('/ledger/registrations', { query: { ...q }, signal });
}

export function fetchRegistration(id: string, signal?: AbortSignal): Promise<RegistrationView> {
  return apiFetch(registrationPath(id), { signal });
}

export function fetchRegistrationHistory(id: string, signal?: AbortSignal): Promise<RegistrationChange[]> {
  return apiFetch(`${registrationPath(id)}/history`, { signal });
}

export function fetchRequestDraft(id: string, signal?: AbortSignal): Promise<RequestDraft> {
  return apiFetch(`${registrationPath(id)}/request-draft`, { signal });
}

export function createRegistration(body: CreateRegistrationRequest): Promise<RegistrationView> {
  return apiFetch('/ledger/registrations', { method: 'POST', body, idempotent: true });
}

export function updateRegistration(id: string, body: UpdateRegistrationRequest): Promise<RegistrationView> {
  return apiFetch(registrationPath(id), { method: 'PUT', body });
}

export function shareRegistration(id: string, organisationId: string): Promise<RegistrationView> {
  return apiFetch(`${registrationPath(id)}/organisations`, { method: 'POST', body: { organisationId } });
}

export function withdrawRegistration(id: string, organisationId: string): Promise<RegistrationView> {
  return apiFetch(`${registrationPath(id)}/organisations/${encodeURIComponent(organisationId)}/withdraw`, { method: 'POST' });
}

export function importLedgerCsv(file: File): Promise<CsvImportReport> {
  return importCsv('/ledger/import', file);
}

export function exportLedgerCsv(municipalityCode?: string) {
  return apiDownload('/ledger/export.csv', { query: { municipalityCode } });
}
