import { useState } from 'react';
import { ErrorAlert } from '../../components/alerts';
import { useMyUrgentContacts, useRaiseUrgentContact } from '../../hooks/use-alerts';
import { useApiError } from '../../hooks/use-api-error';
import { formatDateTime } from '../../lib/format';
import { currentLanguage } from '../../lib/i18n';
import { usePageTitle } from '../../lib/use-page-title';
import { useSessionUser } from '../auth/session-store';
import { useAlertText } from './messages';
import './alerts.css';

/** 緊急の相談があります: a provider alerts the on-call coordinator of its area and sees who acknowledged. */
export function UrgentContactPage() {
  const text = useAlertText();
  usePageTitle(text.urgentTitle);
  const user = useSessionUser();
  const raise = useRaiseUrgentContact(user.organisation.id);
  const mine = useMyUrgentContacts(user.organisation.id);
  const apiError = useApiError();
  const [summary, setSummary] = useState('');
  const lang = currentLanguage();
  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{text.urgentTitle}</h1>
        <p className="page-lead">{text.urgentLead}</p>
      </header>
      <form
        className="card form"
        onSubmit={(event) => {
          event.preventDefault();
          raise.mutate({ summary }, { onSuccess: () => setSummary('') });
        }}
      >
        <label className="field">
          <span className="field-label">{text.urgentSummary}</span>
          <textarea className="input textarea" rows={3} maxLength={200} value={summary} onChange={(event) => setSummary(event.target.value)} />
        </label>
        {raise.error ? <ErrorAlert>{apiError.message(raise.error)}</ErrorAlert> : null}
        {raise.data ? (
          <p className="alert alert--success" role="status" data-testid="urgent-sent">
            {raise.data.notified.length ? text.urgentSent(raise.data.notified.join('、')) : text.urgentNobody}
          </p>
        ) : null}
        <button type="submit" className="button button--danger button--big" disabled={raise.isPending || !summary.trim()}>
          {raise.isPending ? text.urgentSending : text.urgentSend}
        </button>
      </form>
      {mine.data?.length ? (
        <section className="card" aria-labelledby="urgent-history">
          <h2 id="urgent-history">{text.urgentHistory}</h2>
          <ul className="device-list">
            {mine.data.map((c) => (
              <li key={c.id} className="device" data-testid="urgent-contact" data-acknowledged={Boolean(c.acknowledged)}>
                <span className="device-label">{c.summary}</span>
                <span className="field-hint">{formatDateTime(c.createdAt, lang)}</span>
                <span>{c.acknowledged ? text.urgentAcked(c.acknowledged.by, formatDateTime(c.acknowledged.at, lang)) : text.urgentWaiting}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </section>
  );
}
