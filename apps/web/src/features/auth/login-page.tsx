import { ErrorCode } from '@akiwa/contracts';
import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { ErrorAlert } from '../../components/alerts';
import { BrandName } from '../../components/brand-name';
import { OneTimeCodeField, PasswordField, TextField } from '../../components/form-field';
import { useApiError, type FieldErrors } from '../../hooks/use-api-error';
import { useFormErrors } from '../../hooks/use-form-errors';
import { useLoginWithCode } from '../../hooks/use-account';
import { useLogin } from '../../hooks/use-login';
import { useAccountTexts } from '../account/i18n';
import { usePageTitle } from '../../lib/use-page-title';
import { LanguageSwitch } from '../layout/language-switch';
import { landingPath } from '../layout/navigation';
import { FullPageLoading } from '../layout/status-pages';
import type { LoginLocationState } from './route-guards';
import { useSession } from './session-store';

export function LoginPage() {
  const { t } = useTranslation();
  usePageTitle(t('auth.loginTitle'));
  const session = useSession();
  const location = useLocation();
  const from = (location.state as LoginLocationState | null)?.from;
  const login = useLogin();
  const withCode = useLoginWithCode();
  const { at } = useAccountTexts();
  const [code, setCode] = useState('');
  const challenge = login.data && 'mfaRequired' in login.data ? login.data : null;
  const apiError = useApiError();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  // invalid_credentials and too_many_attempts concern the form as a whole, not one field.
  const { errors, formError, setClientErrors } = useFormErrors(login.error);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  if (session.status === 'restoring') return <FullPageLoading />;
  if (session.status === 'authenticated') {
    return <Navigate to={landingPath(session.user.role, from)} replace />;
  }

  if (challenge) {
    const codeError = withCode.error ? apiError.message(withCode.error) : null;
    const onCode = (event: FormEvent) => {
      event.preventDefault();
      if (!code.trim()) return setClientErrors({ code: at('login.required') });
      setClientErrors({});
      withCode.mutate({ mfaToken: challenge.mfaToken, code: code.trim() }, { onError: () => setCode('') });
    };
    return (
      <LoginShell>
        <h1 id="code-title">{at('login.codeTitle')}</h1>
        <p className="page-lead">{at('login.codeLead')}</p>
        <form className="form" noValidate onSubmit={onCode} aria-labelledby="code-title">
          {codeError ? <ErrorAlert>{codeError}</ErrorAlert> : null}
          <OneTimeCodeField label={at('login.code')} name="code" required value={code} onChange={setCode} error={errors.code} />
          <button type="submit" className="button button--primary button--block" disabled={withCode.isPending}>
            {at('login.submit')}
          </button>
          <button type="button" className="button button--secondary button--block" onClick={() => login.reset()}>
            {at('login.back')}
          </button>
        </form>
      </LoginShell>
    );
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const next: FieldErrors = {};
    if (!email.trim()) next.email = t('auth.required.email');
    if (!password) next.password = t('auth.required.password');
    setClientErrors(next);
    if (next.email) return emailRef.current?.focus();
    if (next.password) return passwordRef.current?.focus();
    login.mutate(
      { email: email.trim(), password },
      {
        onError: (error) => {
          if (error.code === ErrorCode.InvalidCredentials) {
            setPassword('');
            passwordRef.current?.focus();
          }
        },
      },
    );
  };

  return (
    <LoginShell>
      <p className="login-brand">
        <BrandName />
      </p>
      <p className="login-tagline">{t('app.tagline')}</p>
      <h1 id="login-title">{t('auth.loginTitle')}</h1>
      <p className="page-lead">{t('auth.loginLead')}</p>
      {session.reason === 'expired' ? <p className="notice">{t('auth.sessionExpired')}</p> : null}
      {session.reason === 'ended' ? (
        <p className="notice" role="status" data-testid="session-ended" data-reason={session.endReason}>
          {t(`auth.sessionEnded.${session.endReason ?? 'revoked'}`)}
        </p>
      ) : null}
      {session.reason === 'offline' ? <ErrorAlert>{t('errors.network')}</ErrorAlert> : null}
      <form className="form" noValidate onSubmit={onSubmit} aria-labelledby="login-title">
        {formError ? <ErrorAlert>{formError}</ErrorAlert> : null}
        <TextField
          label={t('auth.email')}
          name="email"
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={setEmail}
          error={errors.email}
          inputRef={emailRef}
        />
        <PasswordField
          purpose="current"
          label={t('auth.password')}
          name="password"
          required
          value={password}
          onChange={setPassword}
          error={errors.password}
          inputRef={passwordRef}
        />
        <button type="submit" className="button button--primary button--block" disabled={login.isPending}>
          {login.isPending ? t('auth.submitting') : t('auth.submit')}
        </button>
      </form>
    </LoginShell>
  );
}

/** The signed-out frame: the language switch above one card. */
function LoginShell({ children }: { children: ReactNode }) {
  return (
    <div className="login-shell">
      <div className="login-top">
        <LanguageSwitch />
      </div>
      <main id="main" className="login-card card">
        {children}
      </main>
    </div>
  );
}
