import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../lib/use-page-title';

interface ComingSoonPageProps {
  title: string;
  lead: string;
}

/** An honest placeholder for a feature that a later issue builds. */
export function ComingSoonPage({ title, lead }: ComingSoonPageProps) {
  const { t } = useTranslation();
  usePageTitle(title);
  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{title}</h1>
        <p className="page-lead">{lead}</p>
      </header>
      <div className="card coming-soon">
        <span className="badge badge--muted">{t('comingSoon.badge')}</span>
        <p>{t('comingSoon.body')}</p>
      </div>
    </section>
  );
}
