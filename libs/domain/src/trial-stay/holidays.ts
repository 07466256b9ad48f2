/**
 * Japanese public holidays (国民の祝日に関する法律) as in force since 2020: fixed dates, Happy
 * Monday rules, the equinoxes by the standard approximation (valid 1980–2099), 振替休日 (a holiday
 * on a Sunday moves to the next non-holiday) and 国民の休日 (a day between two holidays).
 * The one-off shifts of 2020/2021 (Olympics) are not modelled: use for 2022 onward.
 */
const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const weekdayOf = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).getUTCDay();

/** The nth Monday of a month. */
function nthMonday(y: number, m: number, n: number): number {
  const first = weekdayOf(y, m, 1);
  return 1 + ((8 - first) % 7) + (n - 1) * 7;
}

export function vernalEquinoxDay(year: number): number {
  return Math.floor(20.8431 + 0.242194 * (year - 1980) - Math.floor((year - 1980) / 4));
}

export function autumnalEquinoxDay(year: number): number {
  return Math.floor(23.2488 + 0.242194 * (year - 1980) - Math.floor((year - 1980) / 4));
}

/** Every holiday of a year, date → name (Japanese), in date order. */
export function japaneseHolidays(year: number): Map<string, string> {
  const base: [string, string][] = [
    [iso(year, 1, 1), '元日'],
    [iso(year, 1, nthMonday(year, 1, 2)), '成人の日'],
    [iso(year, 2, 11), '建国記念の日'],
    [iso(year, 2, 23), '天皇誕生日'],
    [iso(year, 3, vernalEquinoxDay(year)), '春分の日'],
    [iso(year, 4, 29), '昭和の日'],
    [iso(year, 5, 3), '憲法記念日'],
    [iso(year, 5, 4), 'みどりの日'],
    [iso(year, 5, 5), 'こどもの日'],
    [iso(year, 7, nthMonday(year, 7, 3)), '海の日'],
    [iso(year, 8, 11), '山の日'],
    [iso(year, 9, nthMonday(year, 9, 3)), '敬老の日'],
    [iso(year, 9, autumnalEquinoxDay(year)), '秋分の日'],
    [iso(year, 10, nthMonday(year, 10, 2)), 'スポーツの日'],
    [iso(year, 11, 3), '文化の日'],
    [iso(year, 11, 23), '勤労感謝の日'],
  ];
  const holidays = new Map(base);
  const next = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  const isSunday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay() === 0;
  // 国民の休日: a weekday squeezed between two holidays (e.g. 2026-09-22)
  for (const [date] of base) {
    const between = next(date, 1);
    if (!holidays.has(between) && holidays.has(next(date, 2)) && !isSunday(between)) holidays.set(between, '国民の休日');
  }
  // 振替休日: a holiday falling on a Sunday gives the next day that is not a holiday
  for (const [date] of base) {
    if (!isSunday(date)) continue;
    let substitute = next(date, 1);
    while (holidays.has(substitute)) substitute = next(substitute, 1);
    if (substitute.startsWith(String(year))) holidays.set(substitute, '振替休日');
  }
  return new Map([...holidays].sort(([a], [b]) => a.localeCompare(b)));
}

/** The holidays between two dates, inclusive. */
export function holidaysBetween(from: string, to: string): { date: string; name: string }[] {
  const out: { date: string; name: string }[] = [];
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) {
    for (const [date, name] of japaneseHolidays(y)) if (date >= from && date <= to) out.push({ date, name });
  }
  return out;
}
