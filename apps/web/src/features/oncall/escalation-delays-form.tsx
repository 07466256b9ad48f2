import { useEffect, useState } from 'react';
import { ErrorAlert } from '../../components/alerts';
import { TextField } from '../../components/form-field';
import { useApiError } from '../../hooks/use-api-error';
import { useEscalationDelays, useUpdateEscalationDelays } from '../../hooks/use-oncall';
import { currentLanguage } from '../../lib/i18n';
import { formatDateTime } from '../../lib/format';
import { useOncallTexts } from './i18n';

/** A blank field is the default (null); anything else goes to the server as typed, which judges it. */
const toMinutes = (value: string): number | null => (value.trim() === '' ? null : Number(value));
const toField = (minutes: number | null): string => (minutes === null ? '' : String(minutes));

/**
 * The region's escalation delays (N: no 確認 → the provider's staff; M: no offer → the centre's
 * on-call, 2M → the region's), set by the coordinators who keep the region's rota, with who changed
 * them last.
 */
export function EscalationDelaysForm() {
  const { ot } = useOncallTexts();
  const apiError = useApiError();
  const delays = useEscalationDelays();
  const update = useUpdateEscalationDelays();
  const [unseen, setUnseen] = useState('');
  const [noOffer, setNoOffer] = useState('');
  useEffect(() => {
    if (!delays.data) return;
    setUnseen(toField(delays.data.unseenMinutes));
    setNoOffer(toField(delays.data.noOfferMinutes));
  }, [delays.data]);
  const fieldErrors = update.error ? apiError.fieldErrors(update.error) : {};

  if (delays.error) return <ErrorAlert>{apiError.message(delays.error)}</ErrorAlert>;
  if (!delays.data) return null;
  const { defaults, updatedAt, updatedByName, regionName } = delays.data;
  return (
    <section className="card" aria-labelledby="escalation-delays-title" data-testid="escalation-delays">
      <h2 id="escalation-delays-title">{ot('delaysTitle', { region: regionName })}</h2>
      <p className="field-hint">{ot('delaysLead')}</p>
      <form
        className="form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          update.mutate({ unseenMinutes: toMinutes(unseen), noOfferMinutes: toMinutes(noOffer) });
        }}
      >
        <div className="rota-settings-fields">
          <TextField
            label={ot('unseenMinutes')}
            name="unseenMinutes"
            type="number"
            inputMode="numeric"
            min={1}
            max={120}
            value={unseen}
            onChange={setUnseen}
            hint={ot('unseenHint', { minutes: defaults.unseenMinutes })}
            error={fieldErrors.unseenMinutes}
          />
          <TextField
            label={ot('noOfferMinutes')}
            name="noOfferMinutes"
            type="number"
            inputMode="numeric"
            min={1}
            max={720}
            value={noOffer}
            onChange={setNoOffer}
            hint={ot('noOfferHint', { minutes: defaults.noOfferMinutes })}
            error={fieldErrors.noOfferMinutes}
          />
        </div>
        {update.error && !Object.keys(fieldErrors).length ? <ErrorAlert>{apiError.message(update.error)}</ErrorAlert> : null}
        {update.isSuccess ? (
          <p className="alert alert--success" role="status">
            {ot('delaysSaved')}
          </p>
        ) : null}
        <button type="submit" className="button button--primary" disabled={update.isPending}>
          {update.isPending ? ot('saving') : ot('delaysSave')}
        </button>
      </form>
      <p className="field-hint" data-testid="delays-changed-by">
        {updatedByName && updatedAt ? ot('changedBy', { name: updatedByName, at: formatDateTime(updatedAt, currentLanguage()) }) : ot('neverChanged')}
      </p>
    </section>
  );
}
