import type { Freshness, Gender, RoomGender, UnitVacancies, VacancyGender, VacancyNight } from '@akiwa/contracts';
import { nightsFrom } from './dates';

/**
 * Vacancy arithmetic the web needs to patch its caches from live events without refetching. The
 * rules are the API's (libs/domain availability.ts and freshness.ts); the thresholds are the API's
 * defaults (VACANCY_STALE_HOURS=24, VACANCY_UNKNOWN_DAYS=7), which the server's own figures override
 * whenever they arrive.
 */
export const STALE_HOURS = 24;
export const UNKNOWN_DAYS = 7;

export function freshnessOf(confirmedAt: string | null | undefined, now: number = Date.now()): Freshness {
  if (!confirmedAt) return 'unknown';
  const at = Date.parse(confirmedAt);
  if (Number.isNaN(at)) return 'unknown';
  if (at <= now - UNKNOWN_DAYS * 86_400_000) return 'unknown';
  return at <= now - STALE_HOURS * 3_600_000 ? 'stale' : 'fresh';
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
function withSummary(data: UnitVacancies, nights: VacancyNight[]): UnitVacancies {
  const oldest = nights.reduce<string | null>((min, n) => (!min || n.confirmedAt < min ? n.confirmedAt : min), null);
  return { ...data, nights, confirmedAt: oldest, freshness: freshnessOf(oldest) };
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
): UnitVacancies {
  if (vacancyVersion < data.vacancyVersion) return data;
  const byKey = new Map(data.nights.map((n) => [rowKey(n), n] as const));
  for (const row of rows) {
    if (row.night < window.from || row.night > window.to) continue;
    byKey.set(rowKey(row), row);
  }
  return withSummary({ ...data, vacancyVersion }, [...byKey.values()].sort(byNightThenGender));
}

/** Adds `delta` free beds to one row (an optimistic +/−); a missing row starts from 0 free. */
export function bumpVacancy(
  data: UnitVacancies,
  window: NightWindow,
  night: string,
  gender: VacancyGender,
  delta: number,
): UnitVacancies {
  if (night < window.from || night > window.to) return data;
  const existing = data.nights.find((n) => n.night === night && n.gender === gender);
  const row: VacancyNight = existing
    ? { ...existing, free: Math.max(0, existing.free + delta) }
    : { night, gender, free: Math.max(0, delta), held: 0, confirmedAt: new Date().toISOString() };
  const others = data.nights.filter((n) => n !== existing);
  return withSummary(data, [...others, row].sort(byNightThenGender));
}

/** Whether a row counts for a person of `gender` (that gender's rows plus `any`; every row when none is asked). */
export function rowCountsFor(rowGender: VacancyGender, gender: Gender | undefined): boolean {
  return !gender || rowGender === 'any' || rowGender === gender;
}

export function roomAccepts(roomGender: RoomGender, gender: Gender | undefined): boolean {
  return !gender || roomGender === 'either' || roomGender === gender;
}

/** Which vacancy genders a unit may keep: `any` always; a gendered row only where the rooms allow it. */
export function allowedVacancyGenders(roomGender: RoomGender): VacancyGender[] {
  if (roomGender === 'male') return ['any', 'male'];
  if (roomGender === 'female') return ['any', 'female'];
  return ['any', 'male', 'female'];
}

/**
 * The search's availability rule (availabilityOver in libs/domain): every night needs at least one
 * available bed among rows confirmed after the unknown cutoff; the answer is the smallest over the
 * nights, with the oldest confirmation counted. Null when the unit cannot take the person.
 */
export function availabilityOver(
  rows: readonly VacancyNight[],
  from: string,
  nights: number,
  gender: Gender | undefined,
  now: number = Date.now(),
): { available: number; confirmedAt: string } | null {
  const unknownBefore = now - UNKNOWN_DAYS * 86_400_000;
  let available = Number.POSITIVE_INFINITY;
  let oldest: string | null = null;
  for (const night of nightsFrom(from, nights)) {
    let beds = 0;
    let counted = false;
    for (const r of rows) {
      if (r.night !== night || !rowCountsFor(r.gender, gender)) continue;
      if (Date.parse(r.confirmedAt) <= unknownBefore) continue;
      beds += r.free - r.held;
      counted = true;
      if (!oldest || r.confirmedAt < oldest) oldest = r.confirmedAt;
    }
    if (!counted || beds < 1) return null;
    available = Math.min(available, beds);
  }
  return Number.isFinite(available) && oldest ? { available, confirmedAt: oldest } : null;
}

/** Tonight's rows for the +/− card: the rows kept for that night, or one `any` row when none exists yet. */
export function rowsForNight(data: UnitVacancies | undefined, night: string): VacancyNight[] {
  const rows = (data?.nights ?? []).filter((n) => n.night === night);
  if (rows.length) return rows;
  return [{ night, gender: 'any', free: 0, held: 0, confirmedAt: '' }];
}
