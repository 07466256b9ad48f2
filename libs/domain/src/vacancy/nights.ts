/**
 * Calendar nights as `YYYY-MM-DD` strings. A night is named by the date it starts; the service day
 * is Japan's (JST, UTC+9, no daylight saving), so "tonight" does not flip at UTC midnight.
 */

const JST_OFFSET_MS = 9 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date in `YYYY-MM-DD` form (rejects 2026-02-30). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/**
 * 夜間の区切り: the night of D runs until this many minutes after midnight on D+1 (Japan time).
 * 600 = 10:00 — at 02:00 「今夜」 is still the night that began yesterday evening. Regions may set
 * their own (regions.night_cutoff_minutes); this is the default everywhere else.
 */
export const DEFAULT_NIGHT_CUTOFF_MINUTES = 600;
/** The latest cutoff a region may set (18:00: the evening of D+1 always belongs to the night of D+1). */
export const MAX_NIGHT_CUTOFF_MINUTES = 18 * 60;

/**
 * The service night in progress (or about to start) at `now`: 「今夜」. Until the cutoff in the
 * morning (Japan time) it is the night that began the evening before, from then on the night that
 * starts this evening. The SQL function `service_night(at, cutoff_minutes)` is the same rule.
 */
export function serviceNight(now: Date, cutoffMinutes: number = DEFAULT_NIGHT_CUTOFF_MINUTES): string {
  return new Date(now.getTime() + JST_OFFSET_MS - cutoffMinutes * 60_000).toISOString().slice(0, 10);
}

/**
 * The time span of a service night as Japan-time timestamps (for calendars and FHIR Slots): it
 * begins at the cutoff on D (when the night before ends) and ends at the cutoff on D+1, so the nights
 * tile time with no gap, and `serviceNight` of any instant inside is D.
 */
export function serviceNightSpan(night: string, cutoffMinutes: number = DEFAULT_NIGHT_CUTOFF_MINUTES): { start: string; end: string } {
  const at = (date: string) => {
    const hh = String(Math.floor(cutoffMinutes / 60)).padStart(2, '0');
    const mm = String(cutoffMinutes % 60).padStart(2, '0');
    return `${date}T${hh}:${mm}:00+09:00`;
  };
  return { start: at(night), end: at(addDays(night, 1)) };
}

/** Evening starts at 18:00 (Japan time): from then until the cutoff a person arriving tonight arrives at night. */
export const NIGHT_STARTS_MINUTES = 18 * 60;

/**
 * Whether a stay starting `from` would begin at night if arranged now: `from` is tonight and the
 * time is between 18:00 and the morning cutoff (夜間受入 matters only then).
 */
export function arrivesAtNight(now: Date, from: string, cutoffMinutes: number = DEFAULT_NIGHT_CUTOFF_MINUTES): boolean {
  if (from !== serviceNight(now, cutoffMinutes)) return false;
  const minutes = Math.floor(((now.getTime() + JST_OFFSET_MS) % DAY_MS) / 60_000);
  return minutes >= NIGHT_STARTS_MINUTES || minutes < cutoffMinutes;
}

/**
 * @deprecated Use `serviceNight`: the same function (tonight's service night, default cutoff), kept
 * under its old name so code written against it reads the night in progress, not the calendar date.
 */
export function serviceDate(now: Date = new Date()): string {
  return serviceNight(now);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The `count` nights starting at `from`. */
export function nightsFrom(from: string, count: number): string[] {
  return Array.from({ length: Math.max(0, count) }, (_, i) => addDays(from, i));
}

/** Every night of the inclusive range [from, to]; empty when reversed. */
export function nightsBetween(from: string, to: string): string[] {
  return nightsFrom(from, daysBetween(from, to) + 1);
}
