import { addDays, nightsBetween } from '../vacancy/nights';

/**
 * The on-call rota (当番表) of a consultation centre or a region: who holds the on-call phone for each
 * day shift and night shift. A weekly pattern (Sunday 0 … Saturday 6, and 7 for public holidays)
 * with dated exceptions on top; shifts change at the rota's hand-over times, in Japan time. A night
 * shift belongs to the date it starts: at 02:00 the holder is the one of the previous date's night.
 */
export type Shift = 'day' | 'night';
export const SHIFTS: readonly Shift[] = ['day', 'night'];
/** The pattern row used on public holidays (祝日), before the weekday's. */
export const HOLIDAY_WEEKDAY = 7;

export interface HandOver {
  /** `HH:MM`, Japan time: the day shift starts (the night shift ends). */
  dayStarts: string;
  /** `HH:MM`, Japan time, after dayStarts: the night shift starts. */
  nightStarts: string;
}

export interface PatternSlot {
  weekday: number;
  shift: Shift;
  userId: string;
}

export interface RotaException {
  date: string;
  shift: Shift;
  userId: string;
}

export interface RotaRules extends HandOver {
  pattern: readonly PatternSlot[];
  exceptions: readonly RotaException[];
}

export type HolderSource = 'exception' | 'holiday' | 'weekly';

export interface ShiftHolder {
  userId: string | null;
  source: HolderSource | null;
}

export interface RotaDay {
  date: string;
  weekday: number;
  holiday: string | null;
  day: ShiftHolder;
  night: ShiftHolder;
}

/** Names a public holiday, or null (see `japaneseHolidayName`). */
export type HolidayLookup = (date: string) => string | null;

const JST_OFFSET_MS = 9 * 60 * 60 * 1000;
const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function isHandOverTime(value: unknown): value is string {
  return typeof value === 'string' && TIME_RE.test(value);
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Whether the hand-over times are well formed and the day shift starts first. */
export function validHandOver(h: HandOver): boolean {
  return isHandOverTime(h.dayStarts) && isHandOverTime(h.nightStarts) && minutesOf(h.dayStarts) < minutesOf(h.nightStarts);
}

export function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** The shift running at an instant: its date (the date it started) and kind. */
export function shiftAt(handOver: HandOver, instant: Date): { date: string; shift: Shift } {
  const local = new Date(instant.getTime() + JST_OFFSET_MS);
  const date = local.toISOString().slice(0, 10);
  const minutes = local.getUTCHours() * 60 + local.getUTCMinutes();
  if (minutes < minutesOf(handOver.dayStarts)) return { date: addDays(date, -1), shift: 'night' };
  if (minutes < minutesOf(handOver.nightStarts)) return { date, shift: 'day' };
  return { date, shift: 'night' };
}

/** Who holds a shift: a dated exception, else the holiday row on a holiday, else the weekday's row. */
export function holderOf(rules: Pick<RotaRules, 'pattern' | 'exceptions'>, date: string, shift: Shift, holiday: HolidayLookup): ShiftHolder {
  const exception = rules.exceptions.find((e) => e.date === date && e.shift === shift);
  if (exception) return { userId: exception.userId, source: 'exception' };
  if (holiday(date)) {
    const slot = rules.pattern.find((p) => p.weekday === HOLIDAY_WEEKDAY && p.shift === shift);
    if (slot) return { userId: slot.userId, source: 'holiday' };
  }
  const slot = rules.pattern.find((p) => p.weekday === weekdayOf(date) && p.shift === shift);
  return slot ? { userId: slot.userId, source: 'weekly' } : { userId: null, source: null };
}

/** Who is on call at an instant. */
export function onCallAt(rules: RotaRules, instant: Date, holiday: HolidayLookup): ShiftHolder & { date: string; shift: Shift } {
  const { date, shift } = shiftAt(rules, instant);
  return { date, shift, ...holderOf(rules, date, shift, holiday) };
}

/** Every date of the inclusive range with both shifts' holders: the calendar. */
export function rotaCalendar(rules: Pick<RotaRules, 'pattern' | 'exceptions'>, from: string, to: string, holiday: HolidayLookup): RotaDay[] {
  return nightsBetween(from, to).map((date) => ({
    date,
    weekday: weekdayOf(date),
    holiday: holiday(date),
    day: holderOf(rules, date, 'day', holiday),
    night: holderOf(rules, date, 'night', holiday),
  }));
}
