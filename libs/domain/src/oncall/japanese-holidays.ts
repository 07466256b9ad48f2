import * as holidayJp from '@holiday-jp/holiday_jp';

const table = holidayJp.holidays as Readonly<Record<string, { name: string } | undefined>>;

/**
 * 祝日 by name (振替休日 and 国民の休日 included) from @holiday-jp/holiday_jp, the maintained data set
 * of the holiday_jp project (updated when the law or the Cabinet Office's calendar changes).
 */
export function japaneseHolidayName(date: string): string | null {
  return table[date]?.name ?? null;
}
