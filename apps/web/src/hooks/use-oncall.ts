import type { EscalationDelays, OnCallView, RotaOwnerKind, RotaShift, RotaView, UpdateEscalationDelays, UpdateRota } from '@akiwa/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiError } from '../api/client';
import { fetchEscalationDelays, fetchRequestOnCall, fetchRota, setRotaException, updateEscalationDelays, updateRota } from '../api/oncall';
import { QueryKeys } from '../api/query-keys';

export function useRota(kind: RotaOwnerKind, from: string, to: string) {
  return useQuery<RotaView, ApiError>({
    queryKey: QueryKeys.oncall.rota(kind, { from, to }),
    queryFn: ({ signal }) => fetchRota(kind, from, to, signal),
  });
}

function useRotaWrite<V>(write: (v: V) => Promise<void>) {
  const queryClient = useQueryClient();
  return useMutation<void, ApiError, V>({
    mutationFn: write,
    onSettled: () => void queryClient.invalidateQueries({ queryKey: QueryKeys.oncall.all() }),
  });
}

export function useUpdateRota(kind: RotaOwnerKind) {
  return useRotaWrite<UpdateRota>((body) => updateRota(kind, body));
}

export function useSetRotaException(kind: RotaOwnerKind) {
  return useRotaWrite<{ date: string; shift: RotaShift; userId: string | null }>(({ date, shift, userId }) => setRotaException(kind, date, shift, userId));
}

/** Who to call back about a request: the posting centre's on-call person (null when no rota is set). */
export function useRequestOnCall(requestId: string, enabled: boolean) {
  return useQuery<OnCallView | null, ApiError>({
    queryKey: QueryKeys.oncall.forRequest(requestId),
    queryFn: ({ signal }) => fetchRequestOnCall(requestId, signal),
    enabled,
    staleTime: 60_000,
  });
}

export function useEscalationDelays() {
  return useQuery<EscalationDelays, ApiError>({
    queryKey: QueryKeys.oncall.escalationDelays(),
    queryFn: ({ signal }) => fetchEscalationDelays(signal),
  });
}

export function useUpdateEscalationDelays() {
  const queryClient = useQueryClient();
  return useMutation<EscalationDelays, ApiError, UpdateEscalationDelays>({
    mutationFn: updateEscalationDelays,
    onSuccess: (view) => queryClient.setQueryData(QueryKeys.oncall.escalationDelays(), view),
  });
}
