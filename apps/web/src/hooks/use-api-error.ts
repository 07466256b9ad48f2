import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

export type FieldErrors = Record<string, string>;

/** Turns any thrown error into text in the current language, and ApiError details into field errors. */
export function useApiError() {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage === 'en' ? 'en' : 'ja';

  const message = useCallback(
    (error: unknown): string => {
      if (error instanceof ApiError) {
        if (error.isNetworkError) return t('errors.network');
        return error.body.message[lang] || t('errors.unknown');
      }
      return t('errors.unknown');
    },
    [t, lang],
  );

  const fieldErrors = useCallback(
    (error: unknown): FieldErrors => {
      const result: FieldErrors = {};
      if (!(error instanceof ApiError)) return result;
      for (const detail of error.body.details) {
        // `needs.0` belongs to the `needs` field; the first message per field wins.
        const field = detail.field.split('.')[0] ?? detail.field;
        result[field] ??= detail.message[lang];
      }
      return result;
    },
    [lang],
  );

  return { message, fieldErrors };
}
