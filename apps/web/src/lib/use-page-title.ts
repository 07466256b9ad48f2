import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

export function usePageTitle(title: string): void {
  const { t } = useTranslation();
  const suffix = `${t('app.name')} ${t('app.nameLatin')}`;
  useEffect(() => {
    document.title = `${title} | ${suffix}`;
  }, [title, suffix]);
}
