/**
 * 和暦 (Japanese era dates). Eras start on the day given; the first year of an era is 元年.
 * Only the eras a living person's dates can need are listed.
 */
const ERAS: readonly { name: string; nameEn: string; start: string }[] = [
  { name: '令和', nameEn: 'Reiwa', start: '2019-05-01' },
  { name: '平成', nameEn: 'Heisei', start: '1989-01-08' },
  { name: '昭和', nameEn: 'Showa', start: '1926-12-25' },
  { name: '大正', nameEn: 'Taisho', start: '1912-07-30' },
];

export interface WarekiDate {
  era: string;
  eraEn: string;
  /** Year of the era (1 for 元年). */
  year: number;
  month: number;
  day: number;
}

export function toWareki(date: string): WarekiDate | null {
  const era = ERAS.find((e) => date >= e.start);
  if (!era) return null;
  return {
    era: era.name,
    eraEn: era.nameEn,
    year: Number(date.slice(0, 4)) - Number(era.start.slice(0, 4)) + 1,
    month: Number(date.slice(5, 7)),
    day: Number(date.slice(8, 10)),
  };
}

const eraYear = (year: number) => (year === 1 ? '元' : String(year));

/** 令和8年11月24日 */
export function formatWareki(date: string): string {
  const w = toWareki(date);
  if (!w) return formatSeireki(date);
  return `${w.era}${eraYear(w.year)}年${w.month}月${w.day}日`;
}

/** 2026年11月24日 */
export function formatSeireki(date: string): string {
  return `${Number(date.slice(0, 4))}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}

/** The long form used on documents: 令和8年11月24日 (2026年11月24日). */
export function formatLongDate(date: string): string {
  return `${formatWareki(date)} (${formatSeireki(date)})`;
}

/** 令和7年度 for fiscal 2025 (the era in force on April 1; 平成31年度 for fiscal 2019). */
export function fiscalYearLabel(fiscalYear: number): string {
  const w = toWareki(`${fiscalYear}-04-01`);
  return w ? `${w.era}${eraYear(w.year)}年度` : `${fiscalYear}年度`;
}
