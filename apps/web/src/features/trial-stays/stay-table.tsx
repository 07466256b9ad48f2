import type { TrialStayView } from '@akiwa/contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/alerts';
import { TextAreaField } from '../../components/form-field';
import { useApiError } from '../../hooks/use-api-error';
import { useDecideTrialStay } from '../../hooks/use-trial-stays';
import { formatDateTimeJst, formatLongDate } from './dates';
import { useTrialTexts } from './i18n';

export function StayStatusBadge({ status }: { status: TrialStayView['status'] }) {
  const { tt } = useTrialTexts();
  const tone = status === 'approved' ? 'badge--ok' : status === 'requested' ? 'badge--info' : 'badge--muted';
  return (
    <span className={`badge ${tone}`} data-testid="stay-status" data-status={status}>
      {tt(`stayStatus.${status}`)}
    </span>
  );
}

/** One stay as a card: period in 和暦 and Western dates, who and where, status, and the actions this side may take. */
export function StayCard({ stay, side }: { stay: TrialStayView; side: 'provider' | 'coordinator' }) {
  const { tt } = useTrialTexts();
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage === 'en' ? 'en' : 'ja';
  const decide = useDecideTrialStay();
  const apiError = useApiError();
  const [asking, setAsking] = useState<'decline' | 'cancel' | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const live = stay.status === 'requested' || stay.status === 'approved';

  const submitReason = (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) {
      setReasonError(tt('reasonRequired'));
      return;
    }
    decide.mutate({ id: stay.id, action: asking!, reason: reason.trim() }, { onSuccess: () => setAsking(null) });
  };

  return (
    <article className="card trial-stay" data-testid="trial-stay" data-stay-id={stay.id} aria-label={`${stay.person.displayName} ${stay.unitName}`}>
      <header className="trial-stay-header">
        <h3 className="trial-stay-title">
          {side === 'provider' ? `${stay.person.displayName}（${stay.person.ageBand}歳・${t(`gender.${stay.person.gender}`)}）` : `${stay.providerOrganisationName} ${stay.unitName}`}
        </h3>
        <StayStatusBadge status={stay.status} />
      </header>
      <dl className="summary-list">
        <div>
          <dt>{tt('period')}</dt>
          <dd>
            {formatLongDate(stay.from, language)} 〜 {formatLongDate(stay.to, language)}（{tt('nightsCount', { n: stay.nights })}）
          </dd>
        </div>
        {side === 'provider' ? (
          <div>
            <dt>{tt('from_')}</dt>
            <dd>{stay.coordinatorOrganisationName}</dd>
          </div>
        ) : (
          <div>
            <dt>{tt('person')}</dt>
            <dd>{stay.person.displayName}</dd>
          </div>
        )}
        {side === 'provider' ? (
          <div>
            <dt>{tt('room')}</dt>
            <dd>{stay.unitName}</dd>
          </div>
        ) : null}
        {stay.visitAt ? (
          <div>
            <dt>{tt('visitSlots')}</dt>
            <dd>{formatDateTimeJst(stay.visitAt, language)}</dd>
          </div>
        ) : null}
        {stay.note ? (
          <div>
            <dt>{tt('note')}</dt>
            <dd>{stay.note}</dd>
          </div>
        ) : null}
        {stay.reason ? (
          <div>
            <dt>{tt('reason')}</dt>
            <dd>{stay.reason}</dd>
          </div>
        ) : null}
      </dl>
      {decide.error ? <ErrorAlert>{apiError.message(decide.error)}</ErrorAlert> : null}
      {live && !asking ? (
        <div className="button-row">
          {side === 'provider' && stay.status === 'requested' ? (
            <>
              <button type="button" className="button button--primary" disabled={decide.isPending} onClick={() => decide.mutate({ id: stay.id, action: 'approve' })}>
                {tt('approve')}
              </button>
              <button type="button" className="button button--secondary" onClick={() => setAsking('decline')}>
                {tt('decline')}
              </button>
            </>
          ) : (
            <button type="button" className="button button--secondary" onClick={() => setAsking('cancel')}>
              {tt('cancel')}
            </button>
          )}
        </div>
      ) : null}
      {asking ? (
        <form className="form" onSubmit={submitReason} noValidate>
          <TextAreaField
            label={asking === 'decline' ? tt('declineReason') : tt('cancelReason')}
            name="reason"
            value={reason}
            onChange={(v) => {
              setReason(v);
              setReasonError(undefined);
            }}
            error={reasonError}
          />
          <div className="button-row">
            <button type="submit" className="button button--danger" disabled={decide.isPending}>
              {asking === 'decline' ? tt('confirmDecline') : tt('confirmCancel')}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setAsking(null)}>
              {tt('back')}
            </button>
          </div>
        </form>
      ) : null}
    </article>
  );
}
