/**
 * Dates of the trial-stay screens. Long-form dates carry 和暦 beside the Western date, as on
 * welfare documents: 令和8年11月24日 (2026年11月24日). The era comes from the browser's ICU
 * Japanese calendar (the same rules as libs/domain's wareki.ts, which the web does not bundle).
 */
const wareki = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', { era: 'long', year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });

const at = (date: string) => new Date(`${date}T00:00:00Z`);

export function formatWareki(date: string): string {
  return wareki.format(at(date)).replace(/^(\D+)1年/, '$1元年');
}

export function formatSeireki(date: string): string {
  return `${Number(date.slice(0, 4))}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}

export function formatLongDate(date: string, language: 'ja' | 'en'): string {
  if (language === 'en') return `${new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(at(date))} (${formatWareki(date)})`;
  return `${formatWareki(date)} (${formatSeireki(date)})`;
}

/** 12/1〜12/6 */
export function formatShortRange(from: string, to: string): string {
  const short = (d: string) => `${Number(d.slice(5, 7))}/${Number(d.slice(8, 10))}`;
  return `${short(from)}〜${short(to)}`;
}

export function monthOf(date: string): string {
  return date.slice(0, 7);
}

export function shiftMonth(month: string, delta: number): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7)) - 1 + delta;
  const d = new Date(Date.UTC(y, m, 1));
  return d.toISOString().slice(0, 7);
}

export function formatMonth(month: string, language: 'ja' | 'en'): string {
  const d = new Date(`${month}-01T00:00:00Z`);
  if (language === 'en') return new Intl.DateTimeFormat('en-GB', { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(d);
  return `${Number(month.slice(0, 4))}年${Number(month.slice(5, 7))}月（${wareki.format(d).replace(/月.*$/, '月').replace(/^(\D+)1年/, '$1元年')}）`;
}

export function formatDateTimeJst(iso: string, language: 'ja' | 'en'): string {
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'ja-JP', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Tokyo' }).format(new Date(iso));
}
