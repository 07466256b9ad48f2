import type { TrialPersonView, TrialSearchHit } from '@akiwa/contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, SuccessNotice } from '../../components/alerts';
import { SelectField, TextAreaField, TextField } from '../../components/form-field';
import { useApiError } from '../../hooks/use-api-error';
import { useCreateTrialStay } from '../../hooks/use-trial-stays';
import { daysBetween, isCalendarDate } from '../../lib/dates';
import { formatDateTimeJst, formatLongDate, monthOf } from './dates';
import { useTrialTexts } from './i18n';
import { TrialCalendar } from './trial-calendar';

/** The chosen room: its calendar, house rules, 持ち物, and the booking form (dates of its own, so a refused request can be corrected in place). */
export function BookingPanel({ hit, person, from: initialFrom, to: initialTo }: { hit: TrialSearchHit; person: TrialPersonView | null; from: string; to: string }) {
  const { tt } = useTrialTexts();
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage === 'en' ? 'en' : 'ja';
  const apiError = useApiError();
  const create = useCreateTrialStay();
  const [from, setFrom] = useState(initialFrom);
  const [to, setTo] = useState(initialTo);
  const [visitSlotId, setVisitSlotId] = useState('');
  const [note, setNote] = useState('');
  const fieldErrors = create.error ? apiError.fieldErrors(create.error) : {};
  const nights = isCalendarDate(from) && isCalendarDate(to) ? daysBetween(from, to) : 0;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!person) return;
    create.mutate({ unitId: hit.unitId, personId: person.id, from, to, note: note || undefined, visitSlotId: visitSlotId || undefined });
  };

  return (
    <section className="card trial-section" aria-labelledby="trial-booking-title" data-testid="booking-panel">
      <h2 id="trial-booking-title">{tt('booking', { name: `${hit.organisationName} ${hit.unitName}` })}</h2>
      <dl className="summary-list">
        <div>
          <dt>{tt('houseRules')}</dt>
          <dd>{hit.houseRules || '—'}</dd>
        </div>
        <div>
          <dt>{tt('whatToBring')}</dt>
          <dd>{hit.whatToBring || '—'}</dd>
        </div>
      </dl>
      <TrialCalendar key={hit.unitId} initialMonth={monthOf(initialFrom)} unitId={hit.unitId} title={tt('calendar')} />
      <form className="form" onSubmit={submit} noValidate>
        {create.error ? <ErrorAlert>{apiError.message(create.error)}</ErrorAlert> : null}
        {create.isSuccess && !create.error ? <SuccessNotice>{tt('booked')}</SuccessNotice> : null}
        <div className="form-grid">
          <TextField label={tt('from')} name="from" type="date" value={from} onChange={setFrom} error={fieldErrors.from} required />
          <TextField label={tt('to')} name="to" type="date" value={to} onChange={setTo} hint={tt('toHint')} error={fieldErrors.to} required />
          {hit.visitSlots.length ? (
            <SelectField label={tt('visitSlots')} name="visitSlotId" value={visitSlotId} onChange={setVisitSlotId} error={fieldErrors.visitSlotId}>
              <option value="">{tt('noVisit')}</option>
              {hit.visitSlots.map((s) => (
                <option key={s.id} value={s.id}>{formatDateTimeJst(s.startsAt, language)}</option>
              ))}
            </SelectField>
          ) : null}
        </div>
        {nights > 0 ? (
          <p className="trial-period" aria-live="polite">
            {formatLongDate(from, language)} 〜 {formatLongDate(to, language)}（{tt('nightsCount', { n: nights })}）
          </p>
        ) : null}
        <TextAreaField label={tt('note')} name="note" value={note} onChange={setNote} />
        {!person ? <p className="field-hint">{tt('choosePerson')}</p> : null}
        <button type="submit" className="button button--primary" disabled={!person || create.isPending}>
          {create.isPending ? tt('submitting') : tt('submitBooking')}
        </button>
      </form>
    </section>
  );
}
