import type {
  AddNoteRequest,
  ConfirmOfferRequest,
  CreateEmergencyRequest,
  EmergencyRequestSummary,
  EmergencyRequestView,
  Page,
  RequestStatus,
  SetFollowUpRequest,
  UpdatePersonRequest,
  UnitView,
} from '@akiwa/contracts';
import { apiFetch } from './client';

/** Coordinators' side of an emergency request (緊急依頼): post, follow, widen, confirm, close. */
export interface EmergencyRequestListScope {
  status: RequestStatus | null;
  limit: number;
  offset: number;
}

const requestPath = (id: string) => `/emergency-requests/${encodeURIComponent(id)}`;

export function fetchEmergencyRequests(
  scope: EmergencyRequestListScope,
  signal?: AbortSignal,
): Promise<Page<EmergencyRequestSummary>> {
  return apiFetch<Page<EmergencyRequestSummary>>('/emergency-requests', {
    query: { status: scope.status, limit: scope.limit, offset: scope.offset },
    signal,
  });
}

export function fetchEmergencyRequest(id: string, signal?: AbortSignal): Promise<EmergencyRequestView> {
  return apiFetch<EmergencyRequestView>(requestPath(id), { signal });
}

export function createEmergencyRequest(body: CreateEmergencyRequest): Promise<EmergencyRequestView> {
  return apiFetch<EmergencyRequestView>('/emergency-requests', { method: 'POST', body, idempotent: true });
}

export function widenEmergencyRequest(id: string): Promise<EmergencyRequestView> {
  return apiFetch<EmergencyRequestView>(`${requestPath(id)}/widen`, { method: 'POST' });
}

export function confirmEmergencyOffer(id: string, body: ConfirmOfferRequest): Promise<EmergencyRequestView> {
  return apiFetch<EmergencyRequestView>(`${requestPath(id)}/confirm`, { method: 'POST', body });
}

export function cancelEmergencyRequest(id: string): Promise<EmergencyRequestView> {
  return apiFetch<EmergencyRequestView>(`${requestPath(id)}/cancel`, { method: 'POST' });
}

export function addEmergencyRequestNote(id: string, body: AddNoteRequest): Promise<EmergencyRequestView> {
  return apiFetch<EmergencyRequestView>(`${requestPath(id)}/notes`, { method: 'POST', body });
}

/** The unregistered person flow: identity added or corrected after posting (open or placed requests). */
export function updateEmergencyRequestPerson(id: string, body: UpdatePersonRequest): Promise<EmergencyRequestView> {
  return apiFetch<EmergencyRequestView>(`${requestPath(id)}/person`, { method: 'PUT', body });
}

export function setEmergencyRequestFollowUp(id: string, body: SetFollowUpRequest): Promise<EmergencyRequestView> {
  return apiFetch<EmergencyRequestView>(`${requestPath(id)}/follow-up`, { method: 'PUT', body });
}

/**
 * Providers a person may hold a short-stay contract with (step ③). There is no provider directory
 * for coordinators, so they are read off the active units (`GET /api/units`, open to any logged-in
 * user): every organisation with a unit that takes emergencies.
 */
export async function fetchContractProviders(signal?: AbortSignal): Promise<{ id: string; name: string }[]> {
  const page = await apiFetch<Page<UnitView>>('/units', { query: { limit: 100, offset: 0 }, signal });
  const byId = new Map<string, string>();
  for (const unit of page.items) {
    if (unit.emergencyOk && !unit.retiredAt) byId.set(unit.organisationId, unit.organisationName);
  }
  return [...byId].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'ja'));
}
