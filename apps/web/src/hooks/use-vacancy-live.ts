import type { UnitChangedEvent, UnitVacancies, VacancyCalendar, VacancyChangedEvent, VacancySearchPage, VacancySubscription } from '@akiwa/contracts';
import { admissionsPaused } from '@akiwa/domain';
import { useQueryClient, type Query, type QueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { MutationKeys, QueryKeys, type NightWindowScope, type VacancyCalendarScope, type VacancySearchScope } from '../api/query-keys';
import { fetchUnitVacancies } from '../api/vacancies';
import { addDays } from '../lib/dates';
import { useSocket, useSocketEvent } from '../lib/socket/use-socket';
import { availabilityOver, calendarCells, rowCountsFor } from '../lib/vacancies';
import { storeUnit } from './use-units';
import { applyVacancyRows, knownVacancyVersion, windowOfKey } from './use-vacancies';
import { vacancyPolicyOf } from './use-vacancy-policy';

/** How long a row stays highlighted after a live change (matches the CSS animation). */
export const CHANGE_HIGHLIGHT_MS = 4_000;

/** Nights a board shows for an expanded unit: the searched stay, and at least two weeks. */
export function boardWindow(scope: Pick<VacancySearchScope, 'from' | 'nights'>): NightWindowScope {
  return { from: scope.from, to: addDays(scope.from, Math.max(scope.nights, 14) - 1) };
}

export type LiveSubscriptionState = 'idle' | 'subscribing' | 'subscribed' | 'failed';

export interface VacancyLive {
  /** Units changed in the last few seconds (rows highlight while listed here). */
  changed: ReadonlySet<string>;
  subscription: LiveSubscriptionState;
}

/** The rows of a unit over [from, to] from any cached window that covers them (already patched). */
function cachedRows(queryClient: QueryClient, unitId: string, range: NightWindowScope) {
  for (const [key, data] of queryClient.getQueriesData<UnitVacancies>({ queryKey: QueryKeys.vacancies.unitAll(unitId) })) {
    const window = windowOfKey(key);
    if (data && window && window.from <= range.from && window.to >= range.to) return data.nights;
  }
  return null;
}

export type SearchQuery = Query<VacancySearchPage, Error, VacancySearchPage, readonly unknown[]>;

function activeSearches(queryClient: QueryClient): SearchQuery[] {
  return queryClient
    .getQueryCache()
    .findAll({ queryKey: QueryKeys.vacancies.searchAll(), type: 'active' }) as SearchQuery[];
}

/**
 * Patches one board search from a vacancy change, without refetching the search: the unit's
 * availability over the searched nights is recomputed from its vacancy rows (from the cache, or
 * fetched once for that unit into the cache the expanded grid uses). A unit that drops out of the
 * results, or may newly appear, invalidates that search only. Returns whether a listed row changed.
 */
export async function patchSearch(queryClient: QueryClient, query: SearchQuery, event: VacancyChangedEvent): Promise<boolean> {
  const scope = query.queryKey[2] as VacancySearchScope | undefined;
  const page = query.state.data;
  if (!scope || typeof scope !== 'object' || !page) return false;
  const range = { from: scope.from, to: addDays(scope.from, scope.nights - 1) };
  const gender = scope.gender ?? undefined;
  const touched = event.nights.filter((n) => n.night >= range.from && n.night <= range.to);
  if (!touched.length) return false;

  const listed = page.items.some((hit) => hit.unit.id === event.unitId);
  if (!listed) {
    // Only a free bed for this person can make the unit appear; the server decides the rest.
    if (touched.some((n) => rowCountsFor(n.gender, gender) && n.free - n.held >= 1)) {
      await queryClient.invalidateQueries({ queryKey: query.queryKey, exact: true });
    }
    return false;
  }

  let rows = cachedRows(queryClient, event.unitId, range);
  if (!rows) {
    const window = boardWindow(scope);
    const data = await queryClient.fetchQuery({
      queryKey: QueryKeys.vacancies.unit(event.unitId, window),
      queryFn: ({ signal }) => fetchUnitVacancies(event.unitId, window, signal),
    });
    rows = data.nights;
  }
  const availability = availabilityOver(rows, scope.from, scope.nights, gender, vacancyPolicyOf(queryClient));
  if (!availability) {
    await queryClient.invalidateQueries({ queryKey: query.queryKey, exact: true });
    return false;
  }
  queryClient.setQueryData<VacancySearchPage>(query.queryKey, (old) =>
    old && {
      ...old,
      items: old.items.map((hit) =>
        hit.unit.id === event.unitId
          ? {
              ...hit,
              available: availability.available,
              confirmedAt: availability.confirmedAt,
              freshness: availability.freshness,
            }
          : hit,
      ),
    },
  );
  return true;
}

export type CalendarQuery = Query<VacancyCalendar, Error, VacancyCalendar, readonly unknown[]>;

function activeCalendars(queryClient: QueryClient): CalendarQuery[] {
  return queryClient.getQueryCache().findAll({ queryKey: QueryKeys.vacancies.calendarAll(), type: 'active' }) as CalendarQuery[];
}

/**
 * Patches one calendar from a vacancy change: the unit's cells are recomputed with libs/domain
 * `calendarCells` (the API's rule) from its rows over the calendar's nights — from the unit's cached
 * windows (already patched by the event), or fetched once for that unit. The calendar lists units
 * whatever their vacancies, so a change never adds or removes a row. Returns whether a row changed.
 */
export async function patchCalendar(queryClient: QueryClient, query: CalendarQuery, event: VacancyChangedEvent): Promise<boolean> {
  const scope = query.queryKey[2] as VacancyCalendarScope | undefined;
  const data = query.state.data;
  if (!scope || typeof scope !== 'object' || !data?.nights.length) return false;
  const listed = data.items.find((row) => row.unit.id === event.unitId);
  if (!listed) return false;
  const range = { from: data.nights[0], to: data.nights[data.nights.length - 1] };
  if (!event.nights.some((n) => n.night >= range.from && n.night <= range.to)) return false;
  let rows = cachedRows(queryClient, event.unitId, range);
  if (!rows) {
    const fetched = await queryClient.fetchQuery({
      queryKey: QueryKeys.vacancies.unit(event.unitId, range),
      queryFn: ({ signal }) => fetchUnitVacancies(event.unitId, range, signal),
    });
    rows = fetched.nights;
  }
  const cells = calendarCells(rows, data.nights, {
    capacity: listed.unit.capacity,
    gender: scope.gender ?? undefined,
    now: new Date(),
    policy: vacancyPolicyOf(queryClient),
    pausedThrough: listed.pausedThrough,
  });
  queryClient.setQueryData<VacancyCalendar>(query.queryKey, (old) =>
    old && { ...old, items: old.items.map((row) => (row.unit.id === event.unitId ? { ...row, cells } : row)) },
  );
  return true;
}

/**
 * A unit's own fields changed (name, contact, admissions status, retired): patch listed hits at once,
 * drop retired ones. A pause that starts or ends also moves the unit in the ranking (paused units come
 * after the admitting ones of their distance), so that search is fetched again behind the patch.
 */
function patchSearchesForUnit(queryClient: QueryClient, event: UnitChangedEvent): boolean {
  let listed = false;
  const now = new Date();
  for (const query of activeSearches(queryClient)) {
    const page = query.state.data;
    const before = page?.items.find((hit) => hit.unit.id === event.unit.id);
    if (!before) continue;
    listed = true;
    if (admissionsPaused(before.unit.admissionsPausedUntil, now) !== admissionsPaused(event.unit.admissionsPausedUntil, now)) {
      void queryClient.invalidateQueries({ queryKey: query.queryKey, exact: true });
    }
    if (event.unit.retiredAt) {
      void queryClient.invalidateQueries({ queryKey: query.queryKey, exact: true });
      continue;
    }
    queryClient.setQueryData<VacancySearchPage>(query.queryKey, (old) =>
      old && {
        ...old,
        items: old.items.map((hit) =>
          hit.unit.id === event.unit.id
            ? {
                ...hit,
                unit: {
                  ...hit.unit,
                  name: event.unit.name,
                  serviceType: event.unit.serviceType,
                  municipalityCode: event.unit.municipalityCode,
                  capacity: event.unit.capacity,
                  roomGender: event.unit.roomGender,
                  emergencyOk: event.unit.emergencyOk,
                  trialOk: event.unit.trialOk,
                  contact24h: event.unit.contact24h,
                  admissionsPausedUntil: event.unit.admissionsPausedUntil,
                  admissionsPauseReason: event.unit.admissionsPauseReason,
                  nightAdmission: event.unit.nightAdmission,
                },
              }
            : hit,
        ),
      },
    );
  }
  return listed;
}

/**
 * Keeps vacancy screens live. With an `area`, subscribes the socket to that area's rooms (again on
 * every reconnection: rooms do not survive one); a provider's screens pass null and hear their own
 * organisation's room, which the server joins at connection. `vacancy:changed` patches the
 * unit-vacancies caches and the board's search results in place; `unit:changed` the unit caches.
 */
export function useVacancyLive(area: VacancySubscription | null): VacancyLive {
  const queryClient = useQueryClient();
  const { socket, state, onResubscribe } = useSocket();
  const [changed, setChanged] = useState<ReadonlySet<string>>(() => new Set());
  const [subscription, setSubscription] = useState<LiveSubscriptionState>('idle');
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  /** Events that arrived while our own write of the unit was in flight: newest version per unit. */
  const deferred = useRef(new Map<string, number>());
  const areaKey = area ? JSON.stringify(area) : null;

  const mark = useCallback((unitId: string) => {
    clearTimeout(timers.current.get(unitId));
    setChanged((prev) => new Set(prev).add(unitId));
    timers.current.set(
      unitId,
      setTimeout(() => {
        timers.current.delete(unitId);
        setChanged((prev) => {
          const next = new Set(prev);
          next.delete(unitId);
          return next;
        });
      }, CHANGE_HIGHLIGHT_MS),
    );
  }, []);

  useEffect(() => {
    const pending = timers.current;
    return () => {
      for (const timer of pending.values()) clearTimeout(timer);
      pending.clear();
    };
  }, []);

  // Subscribe to the board's area whenever it changes and after every (re)connection.
  useEffect(() => {
    if (!socket || !areaKey) {
      setSubscription('idle');
      return;
    }
    if (state !== 'connected') return;
    let current = true;
    setSubscription('subscribing');
    socket.emit('vacancies:subscribe', JSON.parse(areaKey) as VacancySubscription, (result) => {
      if (current) setSubscription(result.ok ? 'subscribed' : 'failed');
    });
    return () => {
      current = false;
      // A disconnected socket would buffer this and send it after the next subscribe's reconnect.
      if (socket.connected) socket.emit('vacancies:unsubscribe', () => undefined);
    };
  }, [socket, state, areaKey]);

  // After a reconnection the area is joined again before the missed events are replayed (see useAuthenticatedSocket).
  useEffect(() => {
    if (!socket || !areaKey || !onResubscribe) return;
    return onResubscribe(async () => {
      const result = await socket.timeout(10_000).emitWithAck('vacancies:subscribe', JSON.parse(areaKey) as VacancySubscription);
      setSubscription(result.ok ? 'subscribed' : 'failed');
    });
  }, [socket, areaKey, onResubscribe]);

  // Once our own writes of a unit settle, an event we held back may be newer than their answers.
  useEffect(() => {
    return queryClient.getMutationCache().subscribe(() => {
      for (const [unitId, version] of deferred.current) {
        if (queryClient.isMutating({ mutationKey: MutationKeys.vacancyWrite(unitId) }) > 0) continue;
        deferred.current.delete(unitId);
        if (version > knownVacancyVersion(queryClient, unitId)) {
          void queryClient.invalidateQueries({ queryKey: QueryKeys.vacancies.unitAll(unitId) });
        }
      }
    });
  }, [queryClient]);

  useSocketEvent('vacancy:changed', (event) => {
    const ownWriteInFlight = queryClient.isMutating({ mutationKey: MutationKeys.vacancyWrite(event.unitId) }) > 0;
    if (ownWriteInFlight) {
      // The write's answer carries the same rows; applying both would count pending taps twice.
      deferred.current.set(event.unitId, Math.max(event.vacancyVersion, deferred.current.get(event.unitId) ?? 0));
    } else {
      applyVacancyRows(queryClient, event.unitId, event.nights, event.vacancyVersion);
      if (queryClient.getQueriesData({ queryKey: QueryKeys.vacancies.unitAll(event.unitId) }).length) mark(event.unitId);
    }
    for (const query of activeCalendars(queryClient)) {
      void patchCalendar(queryClient, query, event).then(
        (patched) => patched && mark(event.unitId),
        () => undefined, // offline: the reconnection refetches everything anyway
      );
    }
    for (const query of activeSearches(queryClient)) {
      void patchSearch(queryClient, query, event).then(
        (patched) => patched && mark(event.unitId),
        () => undefined, // offline: the reconnection refetches everything anyway
      );
    }
  });

  useSocketEvent('unit:changed', (event) => {
    storeUnit(queryClient, event.unit);
    if (patchSearchesForUnit(queryClient, event)) mark(event.unit.id);
    // a calendar row carries the unit and its admissions pause: read it again where the unit is listed
    for (const query of activeCalendars(queryClient)) {
      if (query.state.data?.items.some((row) => row.unit.id === event.unit.id)) {
        void queryClient.invalidateQueries({ queryKey: query.queryKey, exact: true });
      }
    }
  });

  return { changed, subscription };
}
