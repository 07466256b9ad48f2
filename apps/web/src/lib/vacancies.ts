import type { Freshness, Gender, RoomGender, UnitVacancies, VacancyGender, VacancyNight, VacancyPolicy } from '@akiwa/contracts';
import { allowedVacancyGenders, availabilityOver as domainAvailabilityOver, freshnessOf as domainFreshnessOf } from '@akiwa/domain';

/**
 * Vacancy arithmetic the web needs to patch its caches from live events without refetching. The
 * rules are libs/domain's (availability.ts, freshness.ts), judged with the API's policy
 * (`GET /api/vacancies/policy`, see useVacancyPolicy).
 */
export { allowedVacancyGenders, calendarCells, decodeCalendarCells, DEFAULT_VACANCY_POLICY, rowCountsFor } from '@akiwa/domain';

export function freshnessOf(confirmedAt: string | null | undefined, policy: VacancyPolicy, now: number = Date.now()): Freshness {
  return domainFreshnessOf(confirmedAt, new Date(now), policy);
}

export interface NightWindow {
  from: string;
  to: string;
}

const GENDER_ORDER: Record<VacancyGender, number> = { any: 0, male: 1, female: 2 };
const rowKey = (r: Pick<VacancyNight, 'night' | 'gender'>) => `${r.night}|${r.gender}`;
const byNightThenGender = (a: VacancyNight, b: VacancyNight) =>
  a.night === b.night ? GENDER_ORDER[a.gender] - GENDER_ORDER[b.gender] : a.night.localeCompare(b.night);

/** Recomputes the oldest confirmation and the freshness of the nights shown. */
function withSummary(data: UnitVacancies, nights: VacancyNight[], policy: VacancyPolicy): UnitVacancies {
  const oldest = nights.reduce<string | null>((min, n) => (!min || n.confirmedAt < min ? n.confirmedAt : min), null);
  return { ...data, nights, confirmedAt: oldest, freshness: freshnessOf(oldest, policy) };
}

/**
 * Upserts rows (from a write's answer, a 409's `current`, or a live event) into one cached window.
 * Rows are never deleted by the API, so an upsert by (night, gender) is exact. An older version is
 * ignored: the cache already knows better.
 */
export function mergeVacancies(
  data: UnitVacancies,
  window: NightWindow,
  rows: readonly VacancyNight[],
  vacancyVersion: number,
  policy: VacancyPolicy,
): UnitVacancies {
  if (vacancyVersion < data.vacancyVersion) return data;
  const byKey = new Map(data.nights.map((n) => [rowKey(n), n] as const));
  for (const row of rows) {
    if (row.night < window.from || row.night > window.to) continue;
    byKey.set(rowKey(row), row);
  }
  return withSummary({ ...data, vacancyVersion }, [...byKey.values()].sort(byNightThenGender), policy);
}

/** Adds `delta` free beds to one row (an optimistic +/−); a missing row starts from 0 free. */
export function bumpVacancy(
  data: UnitVacancies,
  window: NightWindow,
  night: string,
  gender: VacancyGender,
  delta: number,
  policy: VacancyPolicy,
): UnitVacancies {
  if (night < window.from || night > window.to) return data;
  const existing = data.nights.find((n) => n.night === night && n.gender === gender);
  const row: VacancyNight = existing
    ? { ...existing, free: Math.max(0, existing.free + delta) }
    : { night, gender, free: Math.max(0, delta), held: 0, confirmedAt: new Date().toISOString() };
  const others = data.nights.filter((n) => n !== existing);
  return withSummary(data, [...others, row].sort(byNightThenGender), policy);
}

/**
 * The search's availability rule (libs/domain availabilityOver) over cached rows: the smallest number
 * of available beds over the nights, with the oldest counted confirmation. Null when the unit cannot
 * take the person.
 */
export function availabilityOver(
  rows: readonly VacancyNight[],
  from: string,
  nights: number,
  gender: Gender | undefined,
  policy: VacancyPolicy,
  now: number = Date.now(),
): { available: number; confirmedAt: string; freshness: Freshness } | null {
  const a = domainAvailabilityOver(rows, from, nights, { gender, now: new Date(now), policy });
  return a && { available: a.available, confirmedAt: a.confirmedAt.toISOString(), freshness: a.freshness };
}

/**
 * Tonight's rows for the +/− card: the rows kept for that night in a fixed order (男女共通, 男性,
 * 女性: the API answers them in another order, so a tap must not swap the rows under a finger), or
 * one `any` row when none exists yet.
 */
export function rowsForNight(data: UnitVacancies | undefined, night: string): VacancyNight[] {
  const rows = (data?.nights ?? []).filter((n) => n.night === night).sort(byNightThenGender);
  if (rows.length) return rows;
  return [{ night, gender: 'any', free: 0, held: 0, confirmedAt: '' }];
}

/**
 * The vacancy rows a unit keeps (its figures are split this way), in the fixed order: a 男女別 unit
 * keeps 男性 and 女性 rows, so a range is written to those rows, never to a third 男女共通 one that
 * the board would add to them. A unit without gendered rows keeps `any` (the default).
 */
export function gendersInUse(data: UnitVacancies | undefined, roomGender: RoomGender): VacancyGender[] {
  const allowed = allowedVacancyGenders(roomGender);
  const used = new Set((data?.nights ?? []).map((n) => n.gender));
  const gendered = allowed.filter((g) => g !== 'any' && used.has(g));
  if (!gendered.length) return ['any'];
  return allowed.filter((g) => used.has(g)).sort((a, b) => GENDER_ORDER[a] - GENDER_ORDER[b]);
}

/** What the board will show for each night of [from, to] (inclusive): free − held summed over the rows. */
export function availableRange(data: UnitVacancies, from: string, to: string): { min: number; max: number } | null {
  const byNight = new Map<string, number>();
  for (const n of data.nights) if (n.night >= from && n.night <= to) byNight.set(n.night, (byNight.get(n.night) ?? 0) + n.free - n.held);
  if (!byNight.size) return null;
  const values = [...byNight.values()];
  return { min: Math.min(...values), max: Math.max(...values) };
}
