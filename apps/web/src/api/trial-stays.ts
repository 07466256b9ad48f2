import type {
  CreateTrialPersonRequest, CreateTrialStayRequest, CreateVisitSlotRequest, CreateWaitingEntryRequest, Page, TrialCalendarView, TrialOfferView,
  TrialPersonSummary, TrialPersonView, TrialSearchHit, TrialSearchQuery, TrialStayListQuery, TrialStayView, UpdateTrialOfferRequest, VisitSlotView,
  WaitingEntryView, WaitingPrompt,
} from '@akiwa/contracts';
import { apiFetch } from './client';

const stayPath = (id: string) => `/trial-stays/${encodeURIComponent(id)}`;
const unitPath = (id: string) => `/trial-stays/units/${encodeURIComponent(id)}`;

export function searchTrialStays(q: TrialSearchQuery, signal?: AbortSignal): Promise<Page<TrialSearchHit>> {
  const { needs, ...rest } = q;
  return apiFetch('/trial-stays/search', { query: { ...rest, needs: needs?.length ? needs.join(',') : undefined }, signal });
}

export function fetchTrialCalendar(scope: { month: string; unitId?: string; organisationId?: string }, signal?: AbortSignal): Promise<TrialCalendarView> {
  return apiFetch('/trial-stays/calendar', { query: { ...scope }, signal });
}

export function fetchTrialOffer(unitId: string, signal?: AbortSignal): Promise<TrialOfferView> {
  return apiFetch(`${unitPath(unitId)}/offer`, { signal });
}

export function updateTrialOffer(unitId: string, body: UpdateTrialOfferRequest): Promise<TrialOfferView> {
  return apiFetch(`${unitPath(unitId)}/offer`, { method: 'PUT', body });
}

export function addVisitSlot(unitId: string, body: CreateVisitSlotRequest): Promise<VisitSlotView> {
  return apiFetch(`${unitPath(unitId)}/visit-slots`, { method: 'POST', body });
}

export function removeVisitSlot(slotId: string): Promise<void> {
  return apiFetch(`/trial-stays/visit-slots/${encodeURIComponent(slotId)}`, { method: 'DELETE' });
}

export function fetchTrialStays(q: TrialStayListQuery, signal?: AbortSignal): Promise<Page<TrialStayView>> {
  return apiFetch('/trial-stays', { query: { ...q }, signal });
}

export function createTrialStay(body: CreateTrialStayRequest): Promise<TrialStayView> {
  return apiFetch('/trial-stays', { method: 'POST', body, idempotent: true });
}

export function decideTrialStay(id: string, action: 'approve' | 'decline' | 'cancel', reason?: string): Promise<TrialStayView> {
  return apiFetch(`${stayPath(id)}/${action}`, { method: 'POST', body: action === 'approve' ? {} : { reason } });
}

export function fetchTrialPersons(signal?: AbortSignal): Promise<TrialPersonView[]> {
  return apiFetch('/trial-persons', { signal });
}

export function createTrialPerson(body: CreateTrialPersonRequest): Promise<TrialPersonView> {
  return apiFetch('/trial-persons', { method: 'POST', body });
}

export function fetchTrialPersonSummary(personId: string, signal?: AbortSignal): Promise<TrialPersonSummary> {
  return apiFetch(`/trial-persons/${encodeURIComponent(personId)}/summary`, { signal });
}

export function fetchWaitingList(organisationId: string | undefined, signal?: AbortSignal): Promise<WaitingEntryView[]> {
  return apiFetch('/waiting-list', { query: { organisationId }, signal });
}

export function createWaitingEntry(body: CreateWaitingEntryRequest): Promise<WaitingEntryView> {
  return apiFetch('/waiting-list', { method: 'POST', body, idempotent: true });
}

export function removeWaitingEntry(id: string): Promise<void> {
  return apiFetch(`/waiting-list/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

export function fetchWaitingPrompts(signal?: AbortSignal): Promise<WaitingPrompt[]> {
  return apiFetch('/waiting-list/prompts', { signal });
}
