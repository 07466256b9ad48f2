import type { MfaEnrolment } from '@akiwa/contracts';
import { useState, type FormEvent } from 'react';
import { ErrorAlert, SuccessNotice } from '../../components/alerts';
import { OneTimeCodeField } from '../../components/form-field';
import { QrCode } from '../../components/qr-code';
import { useDisableMfa, useMfaStatus, useStartMfaEnrolment, useVerifyMfaEnrolment } from '../../hooks/use-account';
import { useApiError } from '../../hooks/use-api-error';
import { useAccountTexts } from './i18n';

/**
 * Enrolment: the QR code (and the key as text), then one code from the app to prove it works, then the
 * recovery codes, shown this once. `onEnrolled` runs after the user has seen them.
 */
export function MfaEnrolmentFlow({ userId, onEnrolled }: { userId: string; onEnrolled: () => void }) {
  const { at } = useAccountTexts();
  const apiError = useApiError();
  const start = useStartMfaEnrolment();
  const verify = useVerifyMfaEnrolment(userId);
  const [enrolment, setEnrolment] = useState<MfaEnrolment | null>(null);
  const [code, setCode] = useState('');
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);

  if (recoveryCodes) {
    return (
      <section className="card" aria-labelledby="recovery-title">
        <h2 id="recovery-title">{at('mfa.recoveryTitle')}</h2>
        <p>{at('mfa.recoveryLead')}</p>
        <ul className="recovery-codes" data-testid="recovery-codes">
          {recoveryCodes.map((c) => (
            <li key={c}>
              <code>{c}</code>
            </li>
          ))}
        </ul>
        <button type="button" className="button button--primary" onClick={onEnrolled}>
          {at('mfa.recoveryDone')}
        </button>
      </section>
    );
  }

  if (!enrolment) {
    return (
      <div>
        {start.error ? <ErrorAlert>{apiError.message(start.error)}</ErrorAlert> : null}
        <button type="button" className="button button--primary" disabled={start.isPending} onClick={() => start.mutate(undefined, { onSuccess: setEnrolment })}>
          {at('mfa.start')}
        </button>
      </div>
    );
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    verify.mutate(code.trim(), { onSuccess: (r) => setRecoveryCodes(r.recoveryCodes) });
  };
  const errors = verify.error ? apiError.fieldErrors(verify.error) : {};
  return (
    <form className="form" noValidate onSubmit={onSubmit}>
      <p>{at('mfa.scan')}</p>
      <QrCode text={enrolment.uri} label={at('mfa.qrLabel')} />
      <p>
        {at('mfa.secretLabel')}: <code data-testid="mfa-secret">{enrolment.secret}</code>
      </p>
      {verify.error && !errors.code ? <ErrorAlert>{apiError.message(verify.error)}</ErrorAlert> : null}
      <OneTimeCodeField label={at('mfa.code')} hint={at('mfa.codeHint')} name="code" required value={code} onChange={setCode} error={errors.code} />
      <button type="submit" className="button button--primary" disabled={verify.isPending}>
        {at('mfa.verify')}
      </button>
    </form>
  );
}

/** Status, enrolment and turning off, on the account page. */
export function MfaSettings({ userId }: { userId: string }) {
  const { at } = useAccountTexts();
  const apiError = useApiError();
  const status = useMfaStatus(userId);
  const disable = useDisableMfa(userId);
  const [enrolling, setEnrolling] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [code, setCode] = useState('');

  if (!status.data) return status.error ? <ErrorAlert>{apiError.message(status.error)}</ErrorAlert> : null;
  const { enabled, required, recoveryCodesLeft } = status.data;
  return (
    <section className="card" aria-labelledby="mfa-title">
      <h2 id="mfa-title">{at('mfa.title')}</h2>
      <p data-testid="mfa-state" data-enabled={enabled}>
        {enabled ? at('mfa.on') : at('mfa.off')}
        {enabled ? `　${at('mfa.recoveryLeft', { count: recoveryCodesLeft })}` : null}
      </p>
      {required ? <p className="notice">{at('mfa.required')}</p> : null}
      {notice ? <SuccessNotice>{notice}</SuccessNotice> : null}
      {enrolling ? (
        <MfaEnrolmentFlow
          userId={userId}
          onEnrolled={() => {
            setEnrolling(false);
            setNotice(at('mfa.enabledNotice'));
          }}
        />
      ) : (
        <button type="button" className="button button--secondary" onClick={() => setEnrolling(true)}>
          {enabled ? at('mfa.restart') : at('mfa.start')}
        </button>
      )}
      {enabled && !required && !enrolling ? (
        <form
          className="form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            disable.mutate(code.trim(), { onSuccess: () => setNotice(at('mfa.disabledNotice')) });
          }}
        >
          {disable.error ? <ErrorAlert>{apiError.message(disable.error)}</ErrorAlert> : null}
          <OneTimeCodeField label={at('mfa.disableCode')} name="disable-code" value={code} onChange={setCode} />
          <button type="submit" className="button button--secondary" disabled={disable.isPending}>
            {at('mfa.disable')}
          </button>
        </form>
      ) : null}
    </section>
  );
}
