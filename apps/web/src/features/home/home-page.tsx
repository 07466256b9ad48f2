import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePageTitle } from '../../lib/use-page-title';
import { useSessionUser } from '../auth/session-store';
import { ConnectionStatus } from '../layout/connection-status';
import { NAV_ITEMS } from '../layout/navigation';

/** Each role's landing page: who is logged in, for which organisation, and whether the live link is up. */
export function HomePage() {
  const { t } = useTranslation();
  const user = useSessionUser();
  usePageTitle(t('home.title'));
  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{t('home.title')}</h1>
        <p className="page-lead">{t('home.welcome', { name: user.displayName })}</p>
        <p>{t(`home.lead.${user.role}`)}</p>
      </header>
      <div className="card home-summary">
        <dl className="summary-list">
          <div>
            <dt>{t('home.user')}</dt>
            <dd>{user.displayName}</dd>
          </div>
          <div>
            <dt>{t('home.organisation')}</dt>
            <dd data-testid="home-organisation">{user.organisation.name}</dd>
          </div>
          <div>
            <dt>{t('home.role')}</dt>
            <dd data-testid="home-role" data-role={user.role}>
              {t(`role.${user.role}`)}
            </dd>
          </div>
          <div>
            <dt>{t('home.email')}</dt>
            <dd>{user.email}</dd>
          </div>
        </dl>
        <ConnectionStatus />
      </div>
      <h2>{t('home.shortcuts')}</h2>
      <ul className="shortcut-grid">
        {NAV_ITEMS[user.role].map((item) => (
          <li key={item.to}>
            <Link className="shortcut" to={item.to}>
              {t(item.label)}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
