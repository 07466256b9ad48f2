import type {
  CreateTrialPersonRequest, CreateTrialStayRequest, CreateWaitingEntryRequest, Page, TrialCalendarView, TrialOfferView, TrialPersonSummary,
  TrialPersonView, TrialSearchHit, TrialStayStatus, TrialStayView, UpdateTrialOfferRequest, VisitSlotView, WaitingEntryView, WaitingPrompt,
} from '@akiwa/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiError } from '../api/client';
import { QueryKeys, type TrialSearchScope } from '../api/query-keys';
import {
  addVisitSlot, createTrialPerson, createTrialStay, createWaitingEntry, decideTrialStay, fetchTrialCalendar, fetchTrialOffer, fetchTrialPersons,
  fetchTrialPersonSummary, fetchTrialStays, fetchWaitingList, fetchWaitingPrompts, removeVisitSlot, removeWaitingEntry, searchTrialStays, updateTrialOffer,
} from '../api/trial-stays';

export function useTrialSearch(scope: TrialSearchScope | null) {
  return useQuery<Page<TrialSearchHit>, ApiError>({
    queryKey: QueryKeys.trialStays.search(scope ?? ({} as TrialSearchScope)),
    queryFn: ({ signal }) =>
      searchTrialStays(
        {
          municipalityCode: scope!.municipalityCode ?? undefined,
          regionId: scope!.regionId ?? undefined,
          prefectureCode: scope!.prefectureCode ?? undefined,
          from: scope!.from,
          to: scope!.to,
          gender: scope!.gender ?? undefined,
          category: scope!.category ?? undefined,
          limit: 50,
        },
        signal,
      ),
    enabled: scope !== null,
  });
}

export function useTrialCalendar(month: string, target: { unitId?: string; organisationId?: string }) {
  return useQuery<TrialCalendarView, ApiError>({
    queryKey: QueryKeys.trialStays.calendar({ month, unitId: target.unitId ?? null, organisationId: target.organisationId ?? null }),
    queryFn: ({ signal }) => fetchTrialCalendar({ month, ...target }, signal),
    enabled: Boolean(target.unitId || target.organisationId),
    placeholderData: keepPreviousData,
  });
}

export function useTrialOffer(unitId: string | null) {
  return useQuery<TrialOfferView, ApiError>({
    queryKey: QueryKeys.trialStays.offer(unitId ?? ''),
    queryFn: ({ signal }) => fetchTrialOffer(unitId!, signal),
    enabled: Boolean(unitId),
  });
}

export function useUpdateTrialOffer(unitId: string) {
  const queryClient = useQueryClient();
  return useMutation<TrialOfferView, ApiError, UpdateTrialOfferRequest>({
    mutationFn: (body) => updateTrialOffer(unitId, body),
    onSuccess: (offer) => {
      queryClient.setQueryData(QueryKeys.trialStays.offer(unitId), offer);
      void queryClient.invalidateQueries({ queryKey: [...QueryKeys.trialStays.all(), 'calendar'] });
    },
  });
}

export function useVisitSlotMutations(unitId: string) {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: QueryKeys.trialStays.offer(unitId) });
  return {
    add: useMutation<VisitSlotView, ApiError, string>({ mutationFn: (startsAt) => addVisitSlot(unitId, { startsAt }), onSuccess: refresh }),
    remove: useMutation<void, ApiError, string>({ mutationFn: removeVisitSlot, onSuccess: refresh }),
  };
}

export function useTrialStays(organisationId: string, scope: { status?: TrialStayStatus; personId?: string }, enabled = true) {
  return useQuery<Page<TrialStayView>, ApiError>({
    queryKey: QueryKeys.trialStays.list(organisationId, { status: scope.status ?? null, personId: scope.personId ?? null }),
    queryFn: ({ signal }) => fetchTrialStays({ ...scope, limit: 200, offset: 0 }, signal),
    enabled,
  });
}

/** Any change to a stay can move nights, lists and counts: refetch the trial-stay family. */
function useInvalidateTrialStays() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: QueryKeys.trialStays.all() });
}

export function useCreateTrialStay() {
  const invalidate = useInvalidateTrialStays();
  return useMutation<TrialStayView, ApiError, CreateTrialStayRequest>({ mutationFn: createTrialStay, onSuccess: invalidate });
}

export function useDecideTrialStay() {
  const invalidate = useInvalidateTrialStays();
  return useMutation<TrialStayView, ApiError, { id: string; action: 'approve' | 'decline' | 'cancel'; reason?: string }>({
    mutationFn: ({ id, action, reason }) => decideTrialStay(id, action, reason),
    onSuccess: invalidate,
  });
}

export function useTrialPersons(organisationId: string) {
  return useQuery<TrialPersonView[], ApiError>({
    queryKey: QueryKeys.trialStays.persons(organisationId),
    queryFn: ({ signal }) => fetchTrialPersons(signal),
  });
}

export function useCreateTrialPerson(organisationId: string) {
  const queryClient = useQueryClient();
  return useMutation<TrialPersonView, ApiError, CreateTrialPersonRequest>({
    mutationFn: createTrialPerson,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: QueryKeys.trialStays.persons(organisationId) }),
  });
}

export function useTrialPersonSummary(personId: string | null) {
  return useQuery<TrialPersonSummary, ApiError>({
    queryKey: QueryKeys.trialStays.personSummary(personId ?? ''),
    queryFn: ({ signal }) => fetchTrialPersonSummary(personId!, signal),
    enabled: Boolean(personId),
  });
}

export function useWaitingList(organisationId: string) {
  return useQuery<WaitingEntryView[], ApiError>({
    queryKey: QueryKeys.trialStays.waitingList(organisationId),
    queryFn: ({ signal }) => fetchWaitingList(organisationId, signal),
  });
}

export function useWaitingListMutations(organisationId: string) {
  const queryClient = useQueryClient();
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: QueryKeys.trialStays.waitingList(organisationId) }),
      queryClient.invalidateQueries({ queryKey: QueryKeys.trialStays.waitingPrompts(organisationId) }),
    ]);
  return {
    add: useMutation<WaitingEntryView, ApiError, CreateWaitingEntryRequest>({ mutationFn: createWaitingEntry, onSuccess: refresh }),
    remove: useMutation<void, ApiError, string>({ mutationFn: removeWaitingEntry, onSuccess: refresh }),
  };
}

export function useWaitingPrompts(organisationId: string) {
  return useQuery<WaitingPrompt[], ApiError>({
    queryKey: QueryKeys.trialStays.waitingPrompts(organisationId),
    queryFn: ({ signal }) => fetchWaitingPrompts(signal),
  });
}
