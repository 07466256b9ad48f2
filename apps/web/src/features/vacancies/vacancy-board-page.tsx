import { useTranslation } from 'react-i18next';
import { ComingSoonPage } from '../layout/coming-soon-page';

/** 空き状況ボード: the coordinator's live view across municipality, region and prefecture. */
export function VacancyBoardPage() {
  const { t } = useTranslation();
  return <ComingSoonPage title={t('pages.coordinatorBoard.title')} lead={t('pages.coordinatorBoard.lead')} />;
}
