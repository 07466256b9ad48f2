import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { featureResources, type FeatureBundles, type FeatureTexts } from './feature-texts';
import { ja } from './ja';
import { LANGUAGES, type Language } from './messages';

export { LANGUAGES, type Language } from './messages';
export type { FeatureBundle, FeatureBundles, Widen } from './feature-texts';
export { perLanguage, useFieldLabel } from './labels';

const STORAGE_KEY = 'akiwa.language';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof ja & FeatureTexts };
  }
}

function storedLanguage(): Language {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return (LANGUAGES as readonly string[]).includes(value ?? '') ? (value as Language) : 'ja';
  } catch {
    return 'ja';
  }
}

function applyLanguage(language: string): void {
  document.documentElement.lang = language;
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Private mode or storage full: the choice simply won't survive a reload.
  }
}

export function currentLanguage(): Language {
  return i18n.resolvedLanguage === 'en' ? 'en' : 'ja';
}

/** Starts i18next with the shared texts and every feature's (src/feature-texts.ts). */
export function initI18n(features: FeatureBundles): typeof i18n {
  const lng = storedLanguage();
  void i18n.use(initReactI18next).init({
    resources: {
      ja: { translation: { ...ja, ...featureResources(features, 'ja') } },
      en: { translation: { ...en, ...featureResources(features, 'en') } },
    },
    lng,
    fallbackLng: 'ja',
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false }, // React escapes already
    returnNull: false,
  });
  document.documentElement.lang = lng;
  i18n.on('languageChanged', applyLanguage);
  return i18n;
}
