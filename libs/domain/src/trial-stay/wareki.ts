/**
 * 和暦 (Japanese era dates) from the platform's Japanese calendar (`Intl.DateTimeFormat` with
 * `ja-JP-u-ca-japanese`, CLDR's era table): a new era needs no code change. The first year of an era
 * is written 元年.
 */
const JA = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', { era: 'long', year: 'numeric', month: 'numeric', day: 'numeric', timeZone: 'UTC' });
const EN = new Intl.DateTimeFormat('en-u-ca-japanese', { era: 'long', year: 'numeric', timeZone: 'UTC' });

export interface WarekiDate {
  era: string;
  eraEn: string;
  /** Year of the era (1 for 元年). */
  year: number;
  month: number;
  day: number;
}

const part = (parts: Intl.DateTimeFormatPart[], type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value;

/** A calendar date (YYYY-MM-DD) in the era in force that day; null when the platform has no era for it. */
export function toWareki(date: string): WarekiDate | null {
  const at = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(at.getTime())) return null;
  const ja = JA.formatToParts(at);
  const era = part(ja, 'era');
  const year = Number(part(ja, 'year'));
  if (!era || !Number.isInteger(year)) return null;
  return { era, eraEn: part(EN.formatToParts(at), 'era') ?? era, year, month: Number(part(ja, 'month')), day: Number(part(ja, 'day')) };
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
