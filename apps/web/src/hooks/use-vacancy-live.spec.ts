import type { UnitVacancies, VacancyChangedEvent, VacancyNight, VacancySearchPage } from '@akiwa/contracts';
import { QueryClient } from '@tanstack/react-query';
import { QueryKeys, type VacancySearchScope } from '../api/query-keys';
import { applyVacancyRows } from './use-vacancies';
import { patchSearch, type SearchQuery } from './use-vacancy-live';

const from = '2026-11-25';
const now = Date.now();
const ago = (hours: number) => new Date(now - hours * 3_600_000).toISOString();
const row = (night: string, free: number, more: Partial<VacancyNight> = {}): VacancyNight => ({ night, gender: 'any', free, held: 0, confirmedAt: ago(1), ...more });

const scope: VacancySearchScope = {
  prefectureCode: null, regionId: null, municipalityCode: '43213', from, nights: 2, category: null, child: false, supportLevel: null,
  needs: [], gender: null, serviceType: null, emergencyOk: false, trialOk: false, limit: 20, offset: 0,
};
const window = { from, to: '2026-12-08' };

function hit(unitId: string, available: number): VacancySearchPage['items'][number] {
  return {
    unit: { id: unitId, name: unitId, serviceType: 'short_stay_attached', municipalityCode: '43213', organisationId: 'o', organisationName: 'o', capacity: 4, roomGender: 'either', emergencyOk: true, trialOk: false, contact24h: '' },
    available,
    distance: 0,
    confirmedAt: ago(1),
    freshness: 'fresh',
  };
}

function setup(nights: VacancyNight[]) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  queryClient.setQueryData<UnitVacancies>(QueryKeys.vacancies.unit('u1', window), { unitId: 'u1', vacancyVersion: 3, confirmedAt: ago(1), freshness: 'fresh', nights });
  queryClient.setQueryData<VacancySearchPage>(QueryKeys.vacancies.search(scope), { items: [hit('u1', 2)], total: 1, totalIsLowerBound: false, limit: 20, offset: 0 });
  const query = queryClient.getQueryCache().find({ queryKey: QueryKeys.vacancies.search(scope) }) as SearchQuery;
  return { queryClient, query };
}

const event = (nights: VacancyNight[], vacancyVersion = 4): VacancyChangedEvent => ({
  unitId: 'u1', organisationId: 'o', municipalityCode: '43213', vacancyVersion, nights, confirmedAt: ago(0), reason: 'edit', at: ago(0),
});

/** What the socket handler does with a `vacancy:changed` event: patch the unit's windows, then each search. */
async function receive(queryClient: QueryClient, query: SearchQuery, e: VacancyChangedEvent) {
  applyVacancyRows(queryClient, e.unitId, e.nights, e.vacancyVersion);
  return patchSearch(queryClient, query, e);
}

describe('live vacancy cache patching', () => {
  it('recomputes a listed unit’s availability from the patched rows (libs/domain rule), without a refetch', async () => {
    const { queryClient, query } = setup([row(from, 2), row('2026-11-26', 3)]);
    const invalidate = jest.spyOn(queryClient, 'invalidateQueries');
    expect(await receive(queryClient, query, event([row('2026-11-26', 1, { confirmedAt: ago(0) })]))).toBe(true);
    const page = queryClient.getQueryData<VacancySearchPage>(QueryKeys.vacancies.search(scope))!;
    expect(page.items[0]).toMatchObject({ available: 1, freshness: 'fresh' });
    expect(invalidate).not.toHaveBeenCalled();
    expect(queryClient.getQueryData<UnitVacancies>(QueryKeys.vacancies.unit('u1', window))).toMatchObject({ vacancyVersion: 4 });
  });

  it('subtracts held beds, and invalidates the search when the unit can no longer take the person', async () => {
    const { queryClient, query } = setup([row(from, 2), row('2026-11-26', 2)]);
    const invalidate = jest.spyOn(queryClient, 'invalidateQueries');
    expect(await receive(queryClient, query, event([row(from, 2, { held: 2 })]))).toBe(false);
    expect(invalidate).toHaveBeenCalledWith({ queryKey: QueryKeys.vacancies.search(scope), exact: true });
  });

  it('judges freshness with the API’s policy, not a copied threshold', async () => {
    const { queryClient, query } = setup([row(from, 2, { confirmedAt: ago(3) }), row('2026-11-26', 2, { confirmedAt: ago(3) })]);
    queryClient.setQueryData(QueryKeys.vacancies.policy(), { staleHours: 2, unknownDays: 7 });
    await receive(queryClient, query, event([row(from, 1, { confirmedAt: ago(3) })]));
    expect(queryClient.getQueryData<VacancySearchPage>(QueryKeys.vacancies.search(scope))!.items[0]).toMatchObject({ available: 1, freshness: 'stale' });
  });

  it('ignores an older event than the cache knows', async () => {
    const { queryClient, query } = setup([row(from, 2), row('2026-11-26', 2)]);
    await receive(queryClient, query, event([row(from, 0)], 2));
    expect(queryClient.getQueryData<UnitVacancies>(QueryKeys.vacancies.unit('u1', window))!.nights[0].free).toBe(2);
  });

  it('asks the server when an unlisted unit gains a bed for this person, and not otherwise', async () => {
    const { queryClient, query } = setup([row(from, 2), row('2026-11-26', 2)]);
    const invalidate = jest.spyOn(queryClient, 'invalidateQueries');
    const other = (nights: VacancyNight[]) => ({ ...event(nights), unitId: 'u2' });
    expect(await patchSearch(queryClient, query, other([row(from, 0)]))).toBe(false);
    expect(invalidate).not.toHaveBeenCalled();
    await patchSearch(queryClient, query, other([row(from, 1)]));
    expect(invalidate).toHaveBeenCalledTimes(1);
  });
});
