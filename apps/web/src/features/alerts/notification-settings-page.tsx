import { useState } from 'react';
import { ErrorAlert } from '../../components/alerts';
import { TextField } from '../../components/form-field';
import { useApiError } from '../../hooks/use-api-error';
import { pushSupported, useEnablePush, usePushDevices, useRevokePush } from '../../hooks/use-push';
import { formatDateTime } from '../../lib/format';
import { currentLanguage } from '../../lib/i18n';
import { usePageTitle } from '../../lib/use-page-title';
import { useSessionUser } from '../auth/session-store';
import { useAlertTexts } from './i18n';
import './alerts.css';

/** 通知設定: enable Web Push on this device, list the devices that receive it, revoke one. */
export function NotificationSettingsPage() {
  const { alt } = useAlertTexts();
  usePageTitle(alt('settingsTitle'));
  const user = useSessionUser();
  const devices = usePushDevices(user.id);
  const enable = useEnablePush(user.id);
  const revoke = useRevokePush(user.id);
  const apiError = useApiError();
  const [label, setLabel] = useState(alt('deviceLabelDefault'));
  const lang = currentLanguage();
  const supported = pushSupported();

  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{alt('settingsTitle')}</h1>
        <p className="page-lead">{alt('settingsLead')}</p>
      </header>
      <form
        className="card form"
        onSubmit={(event) => {
          event.preventDefault();
          enable.mutate({ label: label.trim() || alt('deviceLabelDefault') });
        }}
      >
        {!supported ? <p className="notice">{alt('unsupported')}</p> : null}
        <TextField label={alt('deviceLabel')} name="label" value={label} onChange={setLabel} />
        {enable.error ? <ErrorAlert>{enable.error.message === 'permission' ? alt('denied') : apiError.message(enable.error)}</ErrorAlert> : null}
        {enable.isSuccess ? (
          <p className="alert alert--success" role="status">
            {alt('enabled')}
          </p>
        ) : null}
        <button type="submit" className="button button--primary" disabled={!supported || enable.isPending}>
          {enable.isPending ? alt('enabling') : alt('enable')}
        </button>
      </form>
      <section className="card" aria-labelledby="devices-title">
        <h2 id="devices-title">{alt('devices')}</h2>
        {devices.error ? <ErrorAlert>{apiError.message(devices.error)}</ErrorAlert> : null}
        {revoke.error ? <ErrorAlert>{apiError.message(revoke.error)}</ErrorAlert> : null}
        {devices.data && !devices.data.length ? <p>{alt('noDevices')}</p> : null}
        <ul className="device-list" data-testid="push-devices">
          {(devices.data ?? []).map((d) => (
            <li key={d.id} className="device" data-testid="push-device">
              <span className="device-label">{d.label}</span>
              <span className="field-hint">
                {alt('registeredAt', { at: formatDateTime(d.createdAt, lang) })}
                {d.lastSentAt ? `・${alt('lastSent', { at: formatDateTime(d.lastSentAt, lang) })}` : ''}
              </span>
              <button type="button" className="button button--secondary" disabled={revoke.isPending} onClick={() => revoke.mutate({ id: d.id })}>
                {alt('revoke')}
              </button>
            </li>
          ))}
        </ul>
      </section>
    </section>
  );
}
