import { fieldLabel } from '@akiwa/contracts';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The contracts' per-code labels (`{ code: { ja, en } }`, shared with the API's CSV files) turned
 * into one record per language, to put into a feature's i18next resources: `riskFlag: perLanguage(RISK_FLAG_LABELS).ja`.
 */
export function perLanguage<K extends string>(labels: Record<K, { ja: string; en: string }>): { ja: Record<K, string>; en: Record<K, string> } {
  const entries = Object.entries(labels) as [K, { ja: string; en: string }][];
  return {
    ja: Object.fromEntries(entries.map(([code, label]) => [code, label.ja])) as Record<K, string>,
    en: Object.fromEntries(entries.map(([code, label]) => [code, label.en])) as Record<K, string>,
  };
}

/**
 * A field's name in the current language, from the contracts' FIELD_LABELS: the words the API's
 * validation messages use, so they stay in libs/contracts rather than in i18next's resources.
 */
export function useFieldLabel(): (field: string) => string {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage === 'en' ? 'en' : 'ja';
  return useCallback((field: string) => fieldLabel(field)[language], [language]);
}
