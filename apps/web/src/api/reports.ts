import type { AnnualReport, ReportChapter, ReportQuery, ReportSection, ReportTextsView, SaveReportTextRequest } from '@akiwa/contracts';
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
