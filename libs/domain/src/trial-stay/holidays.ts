import * as holidayJp from '@holiday-jp/holiday_jp';

/**
 * Japanese public holidays (国民の祝日, 振替休日 and 国民の休日 included) from @holiday-jp/holiday_jp,
 * the maintained data set of the holiday_jp project: it follows the law and the Cabinet Office's
 * calendar (one-off moves such as 2020/2021's included), so no rule is computed here.
 */
const TABLE = holidayJp.holidays as Readonly<Record<string, { name: string } | undefined>>;
const DATES = Object.keys(TABLE).sort();

/** The holiday's name on a date (YYYY-MM-DD), or null on an ordinary day. */
export function japaneseHolidayName(date: string): string | null {
  return TABLE[date]?.name ?? null;
}

/** Every holiday of a year, date → name (Japanese), in date order. */
export function japaneseHolidays(year: number): Map<string, string> {
  return new Map(holidaysBetween(`${year}-01-01`, `${year}-12-31`).map((h) => [h.date, h.name]));
}

/** The holidays between two dates (YYYY-MM-DD), inclusive. */
export function holidaysBetween(from: string, to: string): { date: string; name: string }[] {
  return DATES.filter((d) => d >= from && d <= to).map((date) => ({ date, name: TABLE[date]!.name }));
}

const dayOfHoliday = (year: number, month: string, name: string) => {
  const date = DATES.find((d) => d.startsWith(`${year}-${month}-`) && TABLE[d]!.name === name);
  if (!date) throw new RangeError(`no ${name} known for ${year}`);
  return Number(date.slice(8, 10));
};

/** 春分の日 of a year (day of March). */
export function vernalEquinoxDay(year: number): number {
  return dayOfHoliday(year, '03', '春分の日');
}

/** 秋分の日 of a year (day of September). */
export function autumnalEquinoxDay(year: number): number {
  return dayOfHoliday(year, '09', '秋分の日');
}
