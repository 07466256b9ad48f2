import type { AnnualReport, BaseFacts, RegionSharingView, RegionWindows, UpdateRegionWindows, ReportChapter, ReportQuery, ReportSection, ReportTextsView, SaveBaseFactsRequest, SaveReportTextRequest, SetTrialPolicyRequest, TrialPolicyView } from '@akiwa/contracts';
import { apiDownload, apiFetch } from './client';

const query = (q: ReportQuery) => ({ scope: q.scope, code: q.code, fiscalYear: q.fiscalYear, from: q.from, to: q.to });

export function fetchAnnualReport(q: ReportQuery, signal?: AbortSignal): Promise<AnnualReport> {
  return apiFetch('/reports/annual', { query: query(q), signal });
}

export function downloadAnnualReport(q: ReportQuery, kind: 'xlsx' | 'csv') {
  return apiDownload(`/reports/annual.${kind}`, { query: query(q) });
}

export function fetchReportTexts(q: ReportQuery, signal?: AbortSignal): Promise<ReportTextsView> {
  return apiFetch('/reports/texts', { query: query(q), signal });
}

export function saveReportText(q: ReportQuery, chapter: ReportChapter, section: ReportSection, body: SaveReportTextRequest): Promise<ReportTextsView> {
  return apiFetch(`/reports/texts/${chapter}/${section}`, { method: 'PUT', query: query(q), body });
}

export function fetchTrialPolicy(municipalityCode: string, signal?: AbortSignal): Promise<TrialPolicyView> {
  return apiFetch(`/trial-stay-policies/${encodeURIComponent(municipalityCode)}`, { signal });
}

export function saveTrialPolicy(municipalityCode: string, body: SetTrialPolicyRequest): Promise<TrialPolicyView> {
  return apiFetch(`/trial-stay-policies/${encodeURIComponent(municipalityCode)}`, { method: 'PUT', body });
}

export function fetchBaseFacts(municipalityCode: string, fiscalYear: number, signal?: AbortSignal): Promise<BaseFacts> {
  return apiFetch(`/reports/facts/${encodeURIComponent(municipalityCode)}/${fiscalYear}`, { signal });
}

export function saveBaseFacts(municipalityCode: string, fiscalYear: number, body: SaveBaseFactsRequest): Promise<BaseFacts> {
  return apiFetch(`/reports/facts/${encodeURIComponent(municipalityCode)}/${fiscalYear}`, { method: 'PUT', body });
}

export function fetchRegionSharing(signal?: AbortSignal): Promise<RegionSharingView> {
  return apiFetch('/reports/region-sharing', { signal });
}

export function fetchRegionWindows(signal?: AbortSignal): Promise<RegionWindows> {
  return apiFetch('/officer/region-windows', { signal });
}

export function saveRegionWindows(body: UpdateRegionWindows): Promise<RegionWindows> {
  return apiFetch('/officer/region-windows', { method: 'PUT', body });
}
