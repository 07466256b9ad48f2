import { useTranslation } from 'react-i18next';
import { ComingSoonPage } from '../layout/coming-soon-page';

/** 体験利用: a group home approves or declines trial stays. */
export function ProviderTrialStaysPage() {
  const { t } = useTranslation();
  return <ComingSoonPage title={t('pages.providerTrialStays.title')} lead={t('pages.providerTrialStays.lead')} />;
}
