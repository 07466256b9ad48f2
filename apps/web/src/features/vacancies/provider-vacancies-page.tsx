import { useTranslation } from 'react-i18next';
import { ComingSoonPage } from '../layout/coming-soon-page';

/** 空き状況: a provider keeps its units' free beds current. */
export function ProviderVacanciesPage() {
  const { t } = useTranslation();
  return <ComingSoonPage title={t('pages.providerVacancies.title')} lead={t('pages.providerVacancies.lead')} />;
}
