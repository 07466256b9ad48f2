import type { GeographyView } from '@akiwa/contracts';
import { useQuery } from '@tanstack/react-query';
import type { ApiError } from '../api/client';
import { fetchGeography } from '../api/geography';
import { QueryKeys } from '../api/query-keys';

export function useGeography() {
  return useQuery<GeographyView, ApiError>({
    queryKey: QueryKeys.geography.all(),
    queryFn: ({ signal }) => fetchGeography(signal),
    // Prefectures, regions and municipalities change a few times a decade.
    staleTime: 60 * 60 * 1000,
  });
}
