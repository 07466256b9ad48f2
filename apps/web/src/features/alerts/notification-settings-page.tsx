import { useState } from 'react';
import { ErrorAlert } from '../../components/alerts';
import { TextField } from '../../components/form-field';
import { useApiError } from '../../hooks/use-api-error';
import { pushSupported, useEnablePush, usePushDevices, useRevokePush } from '../../hooks/use-push';
import { formatDateTime } from '../../lib/format';
import { currentLanguage } from '../../lib/i18n';
import { usePageTitle } from '../../lib/use-page-title';
import { useSessionUser } from '../auth/session-store';
import { useAlertText } from './messages';
import './alerts.css';

/** 通知設定: enable Web Push on this device, list the devices that receive it, revoke one. */
export function NotificationSettingsPage() {
  const text = useAlertText();
  usePageTitle(text.settingsTitle);
  const user = useSessionUser();
  const devices = usePushDevices(user.id);
  const enable = useEnablePush(user.id);
  const revoke = useRevokePush(user.id);
  const apiError = useApiError();
  const [label, setLabel] = useState(text.deviceLabelDefault);
  const lang = currentLanguage();
  const supported = pushSupported();

  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{text.settingsTitle}</h1>
        <p className="page-lead">{text.settingsLead}</p>
      </header>
      <form
        className="card form"
        onSubmit={(event) => {
          event.preventDefault();
          enable.mutate({ label: label.trim() || text.deviceLabelDefault });
        }}
      >
        {!supported ? <p className="notice">{text.unsupported}</p> : null}
        <TextField label={text.deviceLabel} name="label" value={label} onChange={setLabel} />
        {enable.error ? <ErrorAlert>{enable.error.message === 'permission' ? text.denied : apiError.message(enable.error)}</ErrorAlert> : null}
        {enable.isSuccess ? (
          <p className="alert alert--success" role="status">
            {text.enabled}
          </p>
        ) : null}
        <button type="submit" className="button button--primary" disabled={!supported || enable.isPending}>
          {enable.isPending ? text.enabling : text.enable}
        </button>
      </form>
      <section className="card" aria-labelledby="devices-title">
        <h2 id="devices-title">{text.devices}</h2>
        {devices.error ? <ErrorAlert>{apiError.message(devices.error)}</ErrorAlert> : null}
        {revoke.error ? <ErrorAlert>{apiError.message(revoke.error)}</ErrorAlert> : null}
        {devices.data && !devices.data.length ? <p>{text.noDevices}</p> : null}
        <ul className="device-list" data-testid="push-devices">
          {(devices.data ?? []).map((d) => (
            <li key={d.id} className="device" data-testid="push-device">
              <span className="device-label">{d.label}</span>
              <span className="field-hint">
                {text.registeredAt(formatDateTime(d.createdAt, lang))}
                {d.lastSentAt ? `・${text.lastSent(formatDateTime(d.lastSentAt, lang))}` : ''}
              </span>
              <button type="button" className="button button--secondary" disabled={revoke.isPending} onClick={() => revoke.mutate({ id: d.id })}>
                {text.revoke}
              </button>
            </li>
          ))}
        </ul>
      </section>
    </section>
  );
}
