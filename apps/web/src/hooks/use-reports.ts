import type {
  AnnualReport, BaseFacts, RegionSharingView, RegionWindows, UpdateRegionWindows, ReportChapter, ReportQuery, ReportSection, ReportTextsView, SaveBaseFactsRequest, SaveReportTextRequest,
  SetTrialPolicyRequest, TrialPolicyView,
} from '@akiwa/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { conflictCurrent, type ApiError } from '../api/client';
import { QueryKeys } from '../api/query-keys';
import {
  downloadAnnualReport, fetchAnnualReport, fetchBaseFacts, fetchRegionSharing, fetchRegionWindows, saveRegionWindows, fetchReportTexts, fetchTrialPolicy, saveBaseFacts, saveReportText,
  saveTrialPolicy,
} from '../api/reports';
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

export function useTrialPolicy(municipalityCode: string) {
  return useQuery<TrialPolicyView, ApiError>({
    queryKey: QueryKeys.reports.trialPolicy(municipalityCode),
    queryFn: ({ signal }) => fetchTrialPolicy(municipalityCode, signal),
  });
}

export function useSaveTrialPolicy(municipalityCode: string) {
  const client = useQueryClient();
  return useMutation<TrialPolicyView, ApiError, SetTrialPolicyRequest>({
    mutationFn: (body) => saveTrialPolicy(municipalityCode, body),
    onSuccess: (view) => client.setQueryData(QueryKeys.reports.trialPolicy(municipalityCode), view),
  });
}

export function useBaseFacts(municipalityCode: string, fiscalYear: number) {
  return useQuery<BaseFacts, ApiError>({
    queryKey: QueryKeys.reports.facts(municipalityCode, fiscalYear),
    queryFn: ({ signal }) => fetchBaseFacts(municipalityCode, fiscalYear, signal),
  });
}

export function useSaveBaseFacts(municipalityCode: string, fiscalYear: number) {
  const client = useQueryClient();
  return useMutation<BaseFacts, ApiError, SaveBaseFactsRequest>({
    mutationFn: (body) => saveBaseFacts(municipalityCode, fiscalYear, body),
    onSuccess: (view) => {
      client.setQueryData(QueryKeys.reports.facts(municipalityCode, fiscalYear), view);
      void client.invalidateQueries({ queryKey: QueryKeys.reports.annualAll() });
    },
    onError: (error) => {
      const current = conflictCurrent<BaseFacts>(error);
      if (current) client.setQueryData(QueryKeys.reports.facts(municipalityCode, fiscalYear), current);
    },
  });
}

export function useRegionSharing() {
  return useQuery<RegionSharingView, ApiError>({
    queryKey: QueryKeys.reports.regionSharing(),
    queryFn: ({ signal }) => fetchRegionSharing(signal),
  });
}

export function useRegionWindows() {
  return useQuery<RegionWindows, ApiError>({
    queryKey: QueryKeys.reports.regionWindows(),
    queryFn: ({ signal }) => fetchRegionWindows(signal),
  });
}

export function useSaveRegionWindows() {
  const client = useQueryClient();
  return useMutation<RegionWindows, ApiError, UpdateRegionWindows>({
    mutationFn: saveRegionWindows,
    onSuccess: (view) => client.setQueryData(QueryKeys.reports.regionWindows(), view),
  });
}
