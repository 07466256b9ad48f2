import { useState } from 'react';
import { SuccessNotice } from '../../components/alerts';
import { usePageTitle } from '../../lib/use-page-title';
import { useSessionUser } from '../auth/session-store';
import { ChangePasswordForm } from './change-password-form';
import { useAccountTexts } from './i18n';
import { MfaSettings } from './mfa-settings';

export function AccountPage() {
  const { at } = useAccountTexts();
  usePageTitle(at('title'));
  const user = useSessionUser();
  const [changed, setChanged] = useState(false);
  return (
    <div className="page">
      <h1>{at('title')}</h1>
      <p className="page-lead">{at('lead')}</p>
      <MfaSettings userId={user.id} />
      <section className="card" aria-labelledby="password-title">
        <h2 id="password-title">{at('password.title')}</h2>
        {changed ? <SuccessNotice>{at('password.changed')}</SuccessNotice> : null}
        <ChangePasswordForm onChanged={() => setChanged(true)} />
      </section>
    </div>
  );
}
