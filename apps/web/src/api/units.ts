import type { CreateUnitRequest, CsvImportReport, Page, SetAdmissionsRequest, UnitHistoryEntry, UnitView, UpdateUnitRequest } from '@akiwa/contracts';
import { ApiError, apiDownload, apiFetch } from './client';

const unitPath = (id: string) => `/units/${encodeURIComponent(id)}`;

/** The caller's own organisation's units (a provider has a handful; 100 is the API's page maximum). */
export function fetchMyUnits(signal?: AbortSignal): Promise<Page<UnitView>> {
  return apiFetch<Page<UnitView>>('/units', { query: { mine: true, limit: 100, offset: 0 }, signal });
}

export function fetchUnit(id: string, signal?: AbortSignal): Promise<UnitView> {
  return apiFetch<UnitView>(unitPath(id), { signal });
}

export function fetchUnitHistory(id: string, signal?: AbortSignal): Promise<UnitHistoryEntry[]> {
  return apiFetch<UnitHistoryEntry[]>(`${unitPath(id)}/history`, { signal });
}

export function createUnit(body: CreateUnitRequest): Promise<UnitView> {
  return apiFetch<UnitView>('/units', { method: 'POST', body });
}

export function updateUnit(id: string, body: UpdateUnitRequest): Promise<UnitView> {
  return apiFetch<UnitView>(unitPath(id), { method: 'PATCH', body });
}

/** 受入停止中 / 夜間受入可 (no version: the last change wins, see the API). */
export function setUnitAdmissions(id: string, body: SetAdmissionsRequest): Promise<UnitView> {
  return apiFetch<UnitView>(`${unitPath(id)}/admissions`, { method: 'PUT', body });
}

export function retireUnit(id: string): Promise<UnitView> {
  return apiFetch<UnitView>(`${unitPath(id)}/retire`, { method: 'POST' });
}

export function exportUnitsCsv() {
  return apiDownload('/units/export.csv');
}

/** The file as it is: UTF-8 goes as text/csv, anything else (Shift_JIS from Excel) as octet-stream for the server to decode. */
export async function csvBody(file: File): Promise<{ data: Blob; contentType: string }> {
  const bytes = await file.arrayBuffer();
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { data: file, contentType: 'text/csv; charset=utf-8' };
  } catch {
    return { data: file, contentType: 'application/octet-stream' };
  }
}

/**
 * Posts a CSV file. A refused file is a 400 `validation_failed` whose body carries the whole
 * CsvImportReport as `report`: that is an answer to show (the per-row table), not a failure.
 */
export async function importCsv(path: string, file: File): Promise<CsvImportReport> {
  try {
    return await apiFetch<CsvImportReport>(path, { method: 'POST', raw: await csvBody(file) });
  } catch (error) {
    const report = error instanceof ApiError ? (error.body as { report?: CsvImportReport }).report : undefined;
    if (report) return report;
    throw error;
  }
}

export function importUnitsCsv(file: File): Promise<CsvImportReport> {
  return importCsv('/units/import', file);
}
