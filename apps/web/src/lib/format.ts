import type { MunicipalityView } from '@akiwa/contracts';
import type { Language } from './i18n';

const locales: Record<Language, string> = { ja: 'ja-JP', en: 'en-GB' };

export function formatDate(iso: string, language: Language): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locales[language], { dateStyle: 'medium', timeZone: 'Asia/Tokyo' }).format(date);
}

export function formatDateTime(iso: string, language: Language): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locales[language], {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Asia/Tokyo',
  }).format(date);
}

/** 熊本市中央区 / Chuo-ku, Kumamoto: a ward is named together with its city. */
export function municipalityLabel(
  municipality: MunicipalityView,
  byCode: ReadonlyMap<string, MunicipalityView>,
  language: Language,
): string {
  const parent = municipality.parentCode ? byCode.get(municipality.parentCode) : undefined;
  // Ward names may already carry their city (熊本市中央区 / Chuo Ward, Kumamoto): never say it twice.
  if (language === 'en') {
    return parent && !municipality.nameEn.includes(parent.nameEn.replace(/ City$/, ''))
      ? `${municipality.nameEn}, ${parent.nameEn}`
      : municipality.nameEn;
  }
  return parent && !municipality.name.startsWith(parent.name) ? `${parent.name}${municipality.name}` : municipality.name;
}
