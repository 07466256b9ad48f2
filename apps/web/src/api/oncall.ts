import type { EscalationDelays, OnCallView, RotaOwnerKind, RotaShift, RotaView, UpdateEscalationDelays, UpdateRota } from '@akiwa/contracts';
import { apiFetch } from './client';

/** 当番表 (on-call rota) of the caller's centre or region, and the on-call person for a request card. */
export function fetchRota(kind: RotaOwnerKind, from: string, to: string, signal?: AbortSignal): Promise<RotaView> {
  return apiFetch<RotaView>(`/oncall/rotas/${kind}`, { query: { from, to }, signal });
}

export function updateRota(kind: RotaOwnerKind, body: UpdateRota): Promise<void> {
  return apiFetch<void>(`/oncall/rotas/${kind}`, { method: 'PUT', body });
}

export function setRotaException(kind: RotaOwnerKind, date: string, shift: RotaShift, userId: string | null): Promise<void> {
  return apiFetch<void>(`/oncall/rotas/${kind}/exceptions/${date}/${shift}`, { method: 'PUT', body: { userId } });
}

export async function fetchRequestOnCall(requestId: string, signal?: AbortSignal): Promise<OnCallView | null> {
  const body = await apiFetch<{ onCall: OnCallView | null }>(`/inbox/${encodeURIComponent(requestId)}/on-call`, { signal });
  return body.onCall;
}

/** The escalation delays of the coordinator's region (圏域). */
export function fetchEscalationDelays(signal?: AbortSignal): Promise<EscalationDelays> {
  return apiFetch<EscalationDelays>('/oncall/escalation-delays', { signal });
}

export function updateEscalationDelays(body: UpdateEscalationDelays): Promise<EscalationDelays> {
  return apiFetch<EscalationDelays>('/oncall/escalation-delays', { method: 'PUT', body });
}
