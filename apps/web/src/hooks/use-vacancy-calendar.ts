import type { VacancyCalendar } from '@akiwa/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ApiError } from '../api/client';
import { QueryKeys, type VacancyCalendarScope } from '../api/query-keys';
import { fetchVacancyCalendar } from '../api/vacancies';

/**
 * The board's day-by-day calendar. Like the search, it is kept fresh by live events
 * (use-vacancy-live patches its cells) while open, and refetched on every mount.
 */
export function useVacancyCalendar(scope: VacancyCalendarScope | null) {
  return useQuery<VacancyCalendar, ApiError>({
    queryKey: scope ? QueryKeys.vacancies.calendar(scope) : [...QueryKeys.vacancies.calendarAll(), 'none'],
    queryFn: ({ signal }) => fetchVacancyCalendar(scope!, signal),
    enabled: scope !== null,
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}
