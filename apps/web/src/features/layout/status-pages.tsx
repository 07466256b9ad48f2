import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePageTitle } from '../../lib/use-page-title';

function StatusPage({ title, body }: { title: string; body: string }) {
  const { t } = useTranslation();
  usePageTitle(title);
  return (
    <section className="page" aria-labelledby="page-title">
      <h1 id="page-title">{title}</h1>
      <p>{body}</p>
      <p>
        <Link className="button button--secondary" to="/">
          {t('errors.backHome')}
        </Link>
      </p>
    </section>
  );
}

export function ForbiddenPage() {
  const { t } = useTranslation();
  return <StatusPage title={t('errors.forbiddenTitle')} body={t('errors.forbiddenBody')} />;
}

export function NotFoundPage() {
  const { t } = useTranslation();
  return <StatusPage title={t('errors.notFoundTitle')} body={t('errors.notFoundBody')} />;
}

export function FullPageLoading() {
  const { t } = useTranslation();
  return (
    <div className="full-page-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {t('app.loading')}
    </div>
  );
}
