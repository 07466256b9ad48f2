import { useState } from 'react';
import { ErrorAlert } from '../../components/alerts';
import { useMyUrgentContacts, useRaiseUrgentContact } from '../../hooks/use-alerts';
import { useApiError } from '../../hooks/use-api-error';
import { formatDateTime } from '../../lib/format';
import { currentLanguage } from '../../lib/i18n';
import { usePageTitle } from '../../lib/use-page-title';
import { useSessionUser } from '../auth/session-store';
import { useAlertTexts } from './i18n';
import './alerts.css';

/** 緊急の相談があります: a provider alerts the on-call coordinator of its area and sees who acknowledged. */
export function UrgentContactPage() {
  const { alt } = useAlertTexts();
  usePageTitle(alt('urgentTitle'));
  const user = useSessionUser();
  const raise = useRaiseUrgentContact(user.organisation.id);
  const mine = useMyUrgentContacts(user.organisation.id);
  const apiError = useApiError();
  const [summary, setSummary] = useState('');
  const lang = currentLanguage();
  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{alt('urgentTitle')}</h1>
        <p className="page-lead">{alt('urgentLead')}</p>
      </header>
      <form
        className="card form"
        onSubmit={(event) => {
          event.preventDefault();
          raise.mutate({ summary }, { onSuccess: () => setSummary('') });
        }}
      >
        <label className="field">
          <span className="field-label">{alt('urgentSummary')}</span>
          <textarea className="input textarea" rows={3} maxLength={200} value={summary} onChange={(event) => setSummary(event.target.value)} />
        </label>
        {raise.error ? <ErrorAlert>{apiError.message(raise.error)}</ErrorAlert> : null}
        {raise.data ? (
          <p className="alert alert--success" role="status" data-testid="urgent-sent">
            {raise.data.notified.length ? alt('urgentSent', { names: raise.data.notified.join('、') }) : alt('urgentNobody')}
          </p>
        ) : null}
        <button type="submit" className="button button--danger button--big" disabled={raise.isPending || !summary.trim()}>
          {raise.isPending ? alt('urgentSending') : alt('urgentSend')}
        </button>
      </form>
      {mine.data?.length ? (
        <section className="card" aria-labelledby="urgent-history">
          <h2 id="urgent-history">{alt('urgentHistory')}</h2>
          <ul className="device-list">
            {mine.data.map((c) => (
              <li key={c.id} className="device" data-testid="urgent-contact" data-acknowledged={Boolean(c.acknowledged)}>
                <span className="device-label">{c.summary}</span>
                <span className="field-hint">{formatDateTime(c.createdAt, lang)}</span>
                <span>{c.acknowledged ? alt('urgentAcked', { by: c.acknowledged.by, at: formatDateTime(c.acknowledged.at, lang) }) : alt('urgentWaiting')}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </section>
  );
}
