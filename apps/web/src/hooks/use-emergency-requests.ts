import type {
  CreateEmergencyRequest,
  EmergencyRequestSummary,
  EmergencyRequestView,
  Page,
  PersonDetails,
} from '@akiwa/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { ApiError } from '../api/client';
import {
  addEmergencyRequestNote,
  cancelEmergencyRequest,
  confirmEmergencyOffer,
  createEmergencyRequest,
  fetchEmergencyRequest,
  fetchEmergencyRequests,
  setEmergencyRequestFollowUp,
  updateEmergencyRequestPerson,
  widenEmergencyRequest,
  type EmergencyRequestListScope,
} from '../api/emergency-requests';
import { QueryKeys } from '../api/query-keys';

export function useEmergencyRequests(scope: EmergencyRequestListScope) {
  return useQuery<Page<EmergencyRequestSummary>, ApiError>({
    queryKey: QueryKeys.emergencyRequests.list(scope),
    queryFn: ({ signal }) => fetchEmergencyRequests(scope, signal),
    placeholderData: keepPreviousData,
  });
}

/** One request, kept live by `request:updated` (see use-emergency-live): no polling. */
export function useEmergencyRequest(id: string) {
  return useQuery<EmergencyRequestView, ApiError>({
    queryKey: QueryKeys.emergencyRequests.detail(id),
    queryFn: ({ signal }) => fetchEmergencyRequest(id, signal),
  });
}

function isRequestView(value: unknown): value is EmergencyRequestView {
  return typeof value === 'object' && value !== null && 'id' in value && 'timeline' in value && 'offers' in value;
}

export function summaryOf(view: EmergencyRequestView): EmergencyRequestSummary {
  return {
    id: view.id,
    status: view.status,
    urgency: view.urgency,
    needs: view.needs,
    municipalityCode: view.municipalityCode,
    from: view.from,
    nights: view.nights,
    scope: view.scope,
    offers: view.offers.filter((o) => o.status === 'held' || o.status === 'confirmed').length,
    createdAt: view.createdAt,
  };
}

/**
 * Pushes never carry personal data (the person, the situation, note texts: only an audited read
 * does): keep what the cached copy, read earlier, already holds.
 */
function withPersonalData(view: EmergencyRequestView, old: EmergencyRequestView | undefined): EmergencyRequestView {
  if (!old) return view;
  const read = new Map(old.timeline.filter((e) => !e.withheld).map((e) => [e.id, e.text]));
  return {
    ...view,
    person: view.person ?? old.person,
    situation: view.situation ?? old.situation,
    timeline: view.timeline.map((e) => {
      const text = e.withheld ? read.get(e.id) : undefined;
      if (!text) return e;
      const { withheld: _withheld, ...entry } = e;
      return { ...entry, text };
    }),
  };
}

/**
 * Stores a full view of a request (a write's answer or a live event) in the detail cache and in any
 * cached list page that shows it. Views carry no version, but every change appends to the timeline:
 * a view with a shorter timeline than the cached one is older (a late HTTP answer racing an event).
 */
export function storeEmergencyRequest(queryClient: QueryClient, view: EmergencyRequestView): void {
  let stale = false;
  let unread = false;
  queryClient.setQueryData<EmergencyRequestView>(QueryKeys.emergencyRequests.detail(view.id), (old) => {
    if (old && old.timeline.length > view.timeline.length) {
      stale = true;
      return old;
    }
    const merged = withPersonalData(view, old);
    unread = merged.situation === null || merged.timeline.some((e) => e.withheld);
    // a push about a request not read yet: the list is patched below, the detail is read when opened
    return old || !unread ? merged : undefined;
  });
  if (stale) return;
  // a note someone else just wrote (a push withholds it): read the request again (an audited read)
  if (unread && queryClient.getQueryData(QueryKeys.emergencyRequests.detail(view.id))) {
    void queryClient.invalidateQueries({ queryKey: QueryKeys.emergencyRequests.detail(view.id) });
  }
  let listed = false;
  queryClient.setQueriesData<Page<EmergencyRequestSummary>>({ queryKey: QueryKeys.emergencyRequests.listAll() }, (page) => {
    if (!page || !page.items.some((item) => item.id === view.id)) return page;
    listed = true;
    return { ...page, items: page.items.map((item) => (item.id === view.id ? summaryOf(view) : item)) };
  });
  // A request another coordinator just posted, or one whose status moved it between filters.
  if (!listed) void queryClient.invalidateQueries({ queryKey: QueryKeys.emergencyRequests.listAll() });
}

/**
 * Writes answer with the request's view; should one answer without it, refetch instead. A write that
 * takes or frees beds (confirm, cancel) also marks the cached board searches stale: only the board
 * on screen is patched by vacancy events, and the coordinator goes there next.
 */
function useRequestWrite<V>(id: string, write: (id: string, variables: V) => Promise<EmergencyRequestView>, movesBeds = false) {
  const queryClient = useQueryClient();
  return useMutation<EmergencyRequestView, ApiError, V>({
    mutationFn: (variables) => write(id, variables),
    onSuccess: (view) => {
      if (isRequestView(view)) storeEmergencyRequest(queryClient, view);
      else void queryClient.invalidateQueries({ queryKey: QueryKeys.emergencyRequests.detail(id) });
      void queryClient.invalidateQueries({ queryKey: QueryKeys.emergencyRequests.listAll() });
      if (movesBeds) void queryClient.invalidateQueries({ queryKey: QueryKeys.vacancies.searchAll() });
    },
  });
}

export function useCreateEmergencyRequest() {
  const queryClient = useQueryClient();
  return useMutation<EmergencyRequestView, ApiError, CreateEmergencyRequest>({
    mutationFn: createEmergencyRequest,
    onSuccess: (view) => {
      if (isRequestView(view)) queryClient.setQueryData(QueryKeys.emergencyRequests.detail(view.id), view);
      void queryClient.invalidateQueries({ queryKey: QueryKeys.emergencyRequests.listAll() });
    },
  });
}

export function useWidenEmergencyRequest(id: string) {
  return useRequestWrite<void>(id, (requestId) => widenEmergencyRequest(requestId));
}

export function useConfirmEmergencyOffer(id: string) {
  const queryClient = useQueryClient();
  const mutation = useRequestWrite<string>(id, (requestId, offerId) => confirmEmergencyOffer(requestId, { offerId }), true);
  return {
    ...mutation,
    /** After a refusal (the bed is gone, the hold lapsed) the page must show the current offers. */
    refresh: () => queryClient.invalidateQueries({ queryKey: QueryKeys.emergencyRequests.detail(id) }),
  };
}

export function useCancelEmergencyRequest(id: string) {
  return useRequestWrite<void>(id, (requestId) => cancelEmergencyRequest(requestId), true);
}

export function useAddEmergencyRequestNote(id: string) {
  return useRequestWrite<string>(id, (requestId, text) => addEmergencyRequestNote(requestId, { text }));
}

export function useUpdateEmergencyRequestPerson(id: string) {
  return useRequestWrite<PersonDetails>(id, (requestId, person) => updateEmergencyRequestPerson(requestId, { person }));
}

export function useSetEmergencyRequestFollowUp(id: string) {
  return useRequestWrite<string>(id, (requestId, followUpOn) => setEmergencyRequestFollowUp(requestId, { followUpOn }));
}
