import type { VacancyPolicy } from '@akiwa/contracts';
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { QueryKeys } from '../api/query-keys';
import { fetchVacancyPolicy } from '../api/vacancies';
import { DEFAULT_VACANCY_POLICY } from '../lib/vacancies';

/**
 * The API's freshness policy, fetched once per session: the web judges stale/unknown like the API
 * (libs/domain's rule with the API's figures). Until it arrives, libs/domain's defaults.
 */
export function useVacancyPolicy(): VacancyPolicy {
  const { data } = useQuery({
    queryKey: QueryKeys.vacancies.policy(),
    queryFn: ({ signal }) => fetchVacancyPolicy(signal),
    staleTime: Number.POSITIVE_INFINITY,
  });
  return data ?? DEFAULT_VACANCY_POLICY;
}

/** The policy as cached (outside React: cache patching from live events). */
export function vacancyPolicyOf(queryClient: QueryClient): VacancyPolicy {
  return queryClient.getQueryData<VacancyPolicy>(QueryKeys.vacancies.policy()) ?? DEFAULT_VACANCY_POLICY;
}
