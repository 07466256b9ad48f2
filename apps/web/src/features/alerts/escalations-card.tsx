import { useEscalations } from '../../hooks/use-alerts';
import { formatDateTime } from '../../lib/format';
import { currentLanguage } from '../../lib/i18n';
import { useAlertTexts } from './i18n';

/** The escalation chain of a request: each step, when it falls due, and whom it alerted. */
export function EscalationsCard({ requestId }: { requestId: string }) {
  const { alt } = useAlertTexts();
  const escalations = useEscalations(requestId);
  const rows = escalations.data ?? [];
  const lang = currentLanguage();
  return (
    <section className="card" aria-labelledby="escalations-title">
      <h2 id="escalations-title">{alt('escalations')}</h2>
      <p className="field-hint">{alt('escalationsLead')}</p>
      {!rows.length ? (
        <p>{alt('escalationsEmpty')}</p>
      ) : (
        <ol className="escalation-chain" data-testid="escalations">
          {rows.map((e) => (
            <li key={e.id} className={`escalation escalation--${e.state}`} data-step={e.step} data-state={e.state}>
              <span className="escalation-step">
                {alt(`step.${e.step}`, { defaultValue: e.step })}
                {e.step === 'unseen' ? `（${e.organisationName}）` : ''}
              </span>
              <span className="escalation-state">{alt(`state.${e.state}`)}</span>
              <span className="escalation-time">{formatDateTime(e.firedAt ?? e.dueAt, lang)}</span>
              {e.state === 'fired' ? <span className="escalation-who">{e.notified.length ? e.notified.join('、') : alt('nobody')}</span> : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
