import { useTranslation } from 'react-i18next';
import { ComingSoonPage } from '../layout/coming-soon-page';

/** 緊急依頼受信箱: emergency requests a provider may accept (de-identified until confirmed). */
export function RequestInboxPage() {
  const { t } = useTranslation();
  return <ComingSoonPage title={t('pages.providerInbox.title')} lead={t('pages.providerInbox.lead')} />;
}
