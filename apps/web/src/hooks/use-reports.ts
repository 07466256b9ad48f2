import type { AnnualReport, ReportChapter, ReportQuery, ReportSection, ReportTextsView, SaveReportTextRequest } from '@akiwa/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { conflictCurrent, type ApiError } from '../api/client';
import { QueryKeys } from '../api/query-keys';
import { downloadAnnualReport, fetchAnnualReport, fetchReportTexts, saveReportText } from '../api/reports';
import { saveDownload } from '../lib/download';

export function useAnnualReport(q: ReportQuery) {
  return useQuery<AnnualReport, ApiError>({
    queryKey: QueryKeys.reports.annual(q),
    queryFn: ({ signal }) => fetchAnnualReport(q, signal),
  });
}

export function useReportTexts(q: ReportQuery) {
  return useQuery<ReportTextsView, ApiError>({
    queryKey: QueryKeys.reports.texts(q),
    queryFn: ({ signal }) => fetchReportTexts(q, signal),
    enabled: q.fiscalYear !== undefined,
  });
}

/** Saves one section; on a version conflict the cache takes the current texts so the officer sees them. */
export function useSaveReportText(q: ReportQuery) {
  const client = useQueryClient();
  return useMutation<ReportTextsView, ApiError, { chapter: ReportChapter; section: ReportSection; body: SaveReportTextRequest }>({
    mutationFn: ({ chapter, section, body }) => saveReportText(q, chapter, section, body),
    onSuccess: (view) => client.setQueryData(QueryKeys.reports.texts(q), view),
    onError: (error) => {
      const current = conflictCurrent<ReportTextsView>(error);
      if (current) client.setQueryData(QueryKeys.reports.texts(q), current);
    },
  });
}

export function useDownloadReport(q: ReportQuery) {
  return useMutation<void, ApiError, 'xlsx' | 'csv'>({
    mutationFn: async (kind) => saveDownload(await downloadAnnualReport(q, kind), `akiwa-report.${kind}`),
  });
}
