import { SessionRestriction } from '@akiwa/contracts';
import { useState } from 'react';
import { ErrorAlert } from '../../components/alerts';
import { useLogout } from '../../hooks/use-logout';
import { usePageTitle } from '../../lib/use-page-title';
import { LanguageSwitch } from '../layout/language-switch';
import { refresh, useSessionUser } from '../auth/session-store';
import { ChangePasswordForm } from './change-password-form';
import { useAccountTexts } from './i18n';
import { MfaEnrolmentFlow } from './mfa-settings';

/**
 * What a restricted session sees instead of the app (the server refuses everything else): the forced
 * MFA enrolment, or the new password after an admin's reset. Done, a refresh picks up the lifted restriction.
 */
export function RestrictedSessionPage({ restriction }: { restriction: SessionRestriction }) {
  const { at, t } = useAccountTexts();
  const user = useSessionUser();
  const logout = useLogout();
  const [failed, setFailed] = useState(false);
  const mfa = restriction === SessionRestriction.MfaEnrolment;
  const title = mfa ? at('restricted.mfaTitle') : at('restricted.passwordTitle');
  usePageTitle(title);
  const done = () => void refresh().then((ok) => setFailed(!ok));
  return (
    <div className="login-shell">
      <div className="login-top">
        <LanguageSwitch />
      </div>
      <main id="main" className="login-card card" data-testid="restricted-session" data-restriction={restriction}>
        <h1>{title}</h1>
        <p className="page-lead">{mfa ? at('restricted.mfaLead') : at('restricted.passwordLead')}</p>
        {failed ? <ErrorAlert>{t('errors.unknown')}</ErrorAlert> : null}
        {mfa ? <MfaEnrolmentFlow userId={user.id} onEnrolled={done} /> : <ChangePasswordForm onChanged={done} />}
        <button type="button" className="button button--secondary" onClick={() => logout.mutate()}>
          {t('auth.logout')}
        </button>
      </main>
    </div>
  );
}
