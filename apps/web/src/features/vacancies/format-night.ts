import type { Language } from '../../lib/i18n';

const locales: Record<Language, string> = { ja: 'ja-JP', en: 'en-GB' };

/** 11月25日(火) / Tue 25 Nov: a night named by its date, read in UTC so the date never shifts. */
export function formatNight(night: string, language: Language, withWeekday = true): string {
  const date = new Date(`${night}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return night;
  return new Intl.DateTimeFormat(locales[language], {
    month: language === 'ja' ? 'numeric' : 'short',
    day: 'numeric',
    weekday: withWeekday ? 'short' : undefined,
    timeZone: 'UTC',
  }).format(date);
}
