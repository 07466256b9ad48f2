import { useQuery } from '@tanstack/react-query';
import type { ApiError } from '../api/client';
import { fetchContractProviders } from '../api/emergency-requests';
import { QueryKeys } from '../api/query-keys';

export function useEmergencyContractProviders() {
  return useQuery<{ id: string; name: string }[], ApiError>({
    queryKey: QueryKeys.emergencyRequests.contractProviders(),
    queryFn: ({ signal }) => fetchContractProviders(signal),
    staleTime: 10 * 60 * 1000,
  });
}
