import type { VacancySearchPage } from '@akiwa/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ApiError } from '../api/client';
import { QueryKeys, type VacancySearchScope } from '../api/query-keys';
import { searchVacancies } from '../api/vacancies';

/**
 * The board's search. Kept fresh by live events (use-vacancy-live) while the board is open, so it is
 * not refetched on a timer; events are not received while it is closed, so it refetches on every mount.
 */
export function useVacancySearch(scope: VacancySearchScope | null) {
  return useQuery<VacancySearchPage, ApiError>({
    queryKey: scope ? QueryKeys.vacancies.search(scope) : [...QueryKeys.vacancies.searchAll(), 'none'],
    queryFn: ({ signal }) => searchVacancies(scope!, signal),
    enabled: scope !== null,
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}
