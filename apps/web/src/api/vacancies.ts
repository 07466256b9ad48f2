import type {
  AdjustVacancyRequest,
  ConfirmVacanciesRequest,
  CsvImportReport,
  SetVacancyRangeRequest,
  UnitVacancies,
  VacancyCalendar,
  VacancyCalendarWire,
  VacancyPolicy,
  VacancySearchPage,
} from '@akiwa/contracts';
import { apiDownload, apiFetch } from './client';
import type { NightWindowScope, VacancyCalendarScope, VacancySearchScope } from './query-keys';
import { importCsv } from './units';
import { decodeCalendarCells } from '../lib/vacancies';

const vacanciesPath = (unitId: string) => `/units/${encodeURIComponent(unitId)}/vacancies`;

export function fetchVacancyPolicy(signal?: AbortSignal): Promise<VacancyPolicy> {
  return apiFetch<VacancyPolicy>('/vacancies/policy', { signal });
}

export function fetchUnitVacancies(unitId: string, window: NightWindowScope, signal?: AbortSignal): Promise<UnitVacancies> {
  return apiFetch<UnitVacancies>(vacanciesPath(unitId), { query: { from: window.from, to: window.to }, signal });
}

export function setVacancyRange(unitId: string, body: SetVacancyRangeRequest): Promise<UnitVacancies> {
  return apiFetch<UnitVacancies>(`${vacanciesPath(unitId)}/range`, { method: 'PUT', body });
}

/** A +/−; with `idempotencyKey` (the offline queue's change id) a resend is carried out at most once. */
export function adjustVacancy(unitId: string, body: AdjustVacancyRequest, idempotencyKey?: string): Promise<UnitVacancies> {
  return apiFetch<UnitVacancies>(`${vacanciesPath(unitId)}/adjust`, { method: 'POST', body, idempotencyKey });
}

export function confirmVacancies(unitId: string, body: ConfirmVacanciesRequest): Promise<UnitVacancies> {
  return apiFetch<UnitVacancies>(`${vacanciesPath(unitId)}/confirm`, { method: 'POST', body });
}

/** The board's filters as query parameters (false means "no filter" for the three flags, so it is not sent). */
function filterQuery(scope: Omit<VacancySearchScope, 'nights'>) {
  return {
    prefectureCode: scope.prefectureCode,
    regionId: scope.regionId,
    municipalityCode: scope.municipalityCode,
    from: scope.from,
    category: scope.category,
    child: scope.child || undefined,
    supportLevel: scope.supportLevel,
    needs: scope.needs.length ? scope.needs.join(',') : undefined,
    gender: scope.gender,
    serviceType: scope.serviceType,
    emergencyOk: scope.emergencyOk || undefined,
    trialOk: scope.trialOk || undefined,
    limit: scope.limit,
    offset: scope.offset,
  };
}

/** The calendar, its compact rows decoded back into cells (the view and the live patching read cells). */
export async function fetchVacancyCalendar(scope: VacancyCalendarScope, signal?: AbortSignal): Promise<VacancyCalendar> {
  const wire = await apiFetch<VacancyCalendarWire>('/vacancies/calendar', { query: { ...filterQuery(scope), days: scope.days }, signal });
  return { ...wire, items: wire.items.map(({ marks, freshness, available, ...row }) => ({ ...row, cells: decodeCalendarCells({ marks, freshness, available }, wire.nights) })) };
}

export function searchVacancies(scope: VacancySearchScope, signal?: AbortSignal): Promise<VacancySearchPage> {
  return apiFetch<VacancySearchPage>('/vacancies/search', { query: { ...filterQuery(scope), nights: scope.nights }, signal });
}

export function exportVacanciesCsv(window: NightWindowScope) {
  return apiDownload('/vacancies/export.csv', { query: { from: window.from, to: window.to } });
}

export function importVacanciesCsv(file: File): Promise<CsvImportReport> {
  return importCsv('/vacancies/import', file);
}
