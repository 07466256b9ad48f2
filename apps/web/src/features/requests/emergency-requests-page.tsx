import { useTranslation } from 'react-i18next';
import { ComingSoonPage } from '../layout/coming-soon-page';

/** 緊急依頼: the coordinator posts a request once and follows the answers. */
export function EmergencyRequestsPage() {
  const { t } = useTranslation();
  return <ComingSoonPage title={t('pages.coordinatorRequests.title')} lead={t('pages.coordinatorRequests.lead')} />;
}
