import { useTranslation } from 'react-i18next';
import { ComingSoonPage } from '../layout/coming-soon-page';

/** 集計・年次検証: the municipality's yearly verification of the base's operation. */
export function ReportsPage() {
  const { t } = useTranslation();
  return <ComingSoonPage title={t('pages.reports.title')} lead={t('pages.reports.lead')} />;
}
