import { useTranslation } from 'react-i18next';
import { ComingSoonPage } from '../layout/coming-soon-page';

/** 体験利用予約: the coordinator books group-home trial stays. */
export function TrialStayBookingsPage() {
  const { t } = useTranslation();
  return (
    <ComingSoonPage title={t('pages.coordinatorTrialStays.title')} lead={t('pages.coordinatorTrialStays.lead')} />
  );
}
