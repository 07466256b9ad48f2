import type { NightRange, TrialOfferView, UnitView } from '@akiwa/contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, SuccessNotice } from '../../components/alerts';
import { SelectField, TextAreaField, TextField } from '../../components/form-field';
import { useApiError } from '../../hooks/use-api-error';
import { useTrialOffer, useUpdateTrialOffer, useVisitSlotMutations } from '../../hooks/use-trial-stays';
import { formatDateTimeJst } from './dates';
import { useTrialTexts } from './i18n';

/** A room's trial-stay settings: open nights, house rules, 持ち物, and 見学 slots. */
export function OfferEditor({ units }: { units: UnitView[] }) {
  const { tt } = useTrialTexts();
  const [unitId, setUnitId] = useState(units[0]?.id ?? '');
  const offer = useTrialOffer(unitId || null);
  if (!units.length) return <p className="notice">{tt('noTrialRooms')}</p>;
  return (
    <section className="card trial-section" aria-labelledby="trial-offer-title">
      <h2 id="trial-offer-title">{tt('offer')}</h2>
      <SelectField label={tt('room')} name="unitId" value={unitId} onChange={setUnitId}>
        {units.map((u) => (
          <option key={u.id} value={u.id}>{u.name}</option>
        ))}
      </SelectField>
      {offer.data ? <OfferForm key={`${unitId}:${offer.dataUpdatedAt}`} offer={offer.data} /> : null}
      {offer.data ? <VisitSlots offer={offer.data} /> : null}
    </section>
  );
}

function OfferForm({ offer }: { offer: TrialOfferView }) {
  const { tt } = useTrialTexts();
  const apiError = useApiError();
  const update = useUpdateTrialOffer(offer.unitId);
  const [houseRules, setHouseRules] = useState(offer.houseRules);
  const [whatToBring, setWhatToBring] = useState(offer.whatToBring);
  const [openings, setOpenings] = useState<NightRange[]>(offer.openings);
  const fieldErrors = update.error ? apiError.fieldErrors(update.error) : {};

  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate({ houseRules, whatToBring, openings });
  };
  const setRange = (i: number, change: Partial<NightRange>) => setOpenings(openings.map((r, j) => (j === i ? { ...r, ...change } : r)));

  return (
    <form className="form" onSubmit={submit} noValidate>
      {update.error ? <ErrorAlert>{apiError.message(update.error)}</ErrorAlert> : null}
      {update.isSuccess ? <SuccessNotice>{tt('saved')}</SuccessNotice> : null}
      <fieldset className="fieldset">
        <legend className="field-label">{tt('openings')}</legend>
        {openings.map((r, i) => (
          <div className="form-grid trial-opening" key={i}>
            <TextField label={`${tt('from')} ${i + 1}`} name={`openings.${i}.from`} type="date" value={r.from} onChange={(v) => setRange(i, { from: v })} />
            <TextField label={`${tt('to')} ${i + 1}`} name={`openings.${i}.to`} type="date" value={r.to} onChange={(v) => setRange(i, { to: v })} error={fieldErrors.openings} />
            <button type="button" className="button button--secondary" onClick={() => setOpenings(openings.filter((_, j) => j !== i))}>
              {tt('removeOpening')}
            </button>
          </div>
        ))}
        <button type="button" className="button button--secondary" onClick={() => setOpenings([...openings, { from: '', to: '' }])}>
          ＋ {tt('addOpening')}
        </button>
      </fieldset>
      <TextAreaField label={tt('houseRules')} name="houseRules" value={houseRules} onChange={setHouseRules} error={fieldErrors.houseRules} />
      <TextAreaField label={tt('whatToBring')} name="whatToBring" value={whatToBring} onChange={setWhatToBring} error={fieldErrors.whatToBring} />
      <button type="submit" className="button button--primary" disabled={update.isPending}>
        {tt('saveOffer')}
      </button>
    </form>
  );
}

function VisitSlots({ offer }: { offer: TrialOfferView }) {
  const { tt } = useTrialTexts();
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage === 'en' ? 'en' : 'ja';
  const apiError = useApiError();
  const { add, remove } = useVisitSlotMutations(offer.unitId);
  const [at, setAt] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    // datetime-local is Japan time for our users
    if (at) add.mutate(new Date(`${at}:00+09:00`).toISOString(), { onSuccess: () => setAt('') });
  };
  return (
    <section aria-labelledby="trial-slots-title">
      <h3 id="trial-slots-title">{tt('visitSlots')}</h3>
      {add.error || remove.error ? <ErrorAlert>{apiError.message(add.error ?? remove.error)}</ErrorAlert> : null}
      <ul className="trial-slots">
        {offer.visitSlots.map((s) => (
          <li key={s.id}>
            {formatDateTimeJst(s.startsAt, language)}
            {s.stayId ? (
              <span className="badge badge--info">{tt('slotTaken')}</span>
            ) : (
              <button type="button" className="button button--secondary" onClick={() => remove.mutate(s.id)}>
                {tt('removeSlot')}
              </button>
            )}
          </li>
        ))}
      </ul>
      <form className="form trial-inline-form" onSubmit={submit} noValidate>
        <label className="field-label" htmlFor="trial-slot-at">{tt('visitAt')}</label>
        <input id="trial-slot-at" className="input" type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} />
        <button type="submit" className="button button--secondary" disabled={!at || add.isPending}>
          ＋ {tt('addSlot')}
        </button>
      </form>
    </section>
  );
}
