import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { Role } from '@akiwa/contracts';
import { BrandName } from '../../components/brand-name';
import { useLogout } from '../../hooks/use-logout';
import { useResumeVacancyChanges } from '../../hooks/use-vacancy-changes';
import { useAccountTexts } from '../account/i18n';
import { AlertBanners } from '../alerts/alert-banners';
import { HeaderAlerts } from '../alerts/header-alerts';
import { useSessionUser } from '../auth/session-store';
import { EmergencyLive, NavBadge } from '../requests/emergency-live';
import { OfflineBanner } from './connection-status';
import { LanguageSwitch } from './language-switch';
import { NAV_ITEMS, Paths, ROLE_HOME } from './navigation';

export function AppLayout() {
  const { t } = useTranslation();
  const { at } = useAccountTexts();
  const user = useSessionUser();
  const logout = useLogout();
  const location = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  const main = useRef<HTMLElement>(null);
  const firstRender = useRef(true);
  const home = ROLE_HOME[user.role];
  // +/− taps a closed page left (made offline, or sent without an answer) go out from whichever page opens next
  useResumeVacancyChanges(user.id, user.role === Role.ProviderStaff);

  // After navigating, close the phone menu and move focus to the new page (screen readers hear it).
  useEffect(() => {
    setMenuOpen(false);
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    main.current?.focus();
  }, [location.pathname]);

  useEffect(() => {
    if (!menuOpen) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        setMenuOpen(false);
        menuButton.current?.focus();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [menuOpen]);

  return (
    <div className="app-shell">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="site-header">
        <div className="header-bar">
          <Link className="brand" to={home}>
            <BrandName />
          </Link>
          <div className="current-user" data-testid="current-user" data-role={user.role}>
            <span className="current-user-name">{user.displayName}</span>
            <span className="current-user-org">{user.organisation.name}</span>
          </div>
          <HeaderAlerts />
          <button
            ref={menuButton}
            type="button"
            className="menu-button"
            aria-expanded={menuOpen}
            aria-controls="site-menu"
            onClick={() => setMenuOpen((open) => !open)}
          >
            <span className="menu-icon" aria-hidden="true" />
            <span className="menu-label">{menuOpen ? t('nav.closeMenu') : t('nav.menu')}</span>
            <NavBadge to={Paths.provider.inbox} />
          </button>
        </div>
        <div id="site-menu" className="site-menu" data-open={menuOpen}>
          <nav className="main-nav" aria-label={t('nav.label')}>
            <ul>
              <li>
                <NavLink to={home} end>
                  {t('nav.home')}
                </NavLink>
              </li>
              {NAV_ITEMS[user.role].map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to}>
                    {t(item.label)}
                    <NavBadge to={item.to} />
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <div className="account-tools">
            <span className="account-role">{t(`role.${user.role}`)}</span>
            <Link className="account-link" to={Paths.settings.notifications}>
              {t('nav.notificationSettings')}
            </Link>
            <LanguageSwitch />
            <Link className="button button--secondary" to={Paths.account}>
              {at('link')}
            </Link>
            <button type="button" className="button button--secondary" onClick={() => logout.mutate()}>
              {t('auth.logout')}
            </button>
          </div>
        </div>
      </header>
      <OfflineBanner />
      <EmergencyLive />
      <AlertBanners />
      <main id="main" ref={main} tabIndex={-1} className="main">
        <Outlet />
      </main>
    </div>
  );
}
