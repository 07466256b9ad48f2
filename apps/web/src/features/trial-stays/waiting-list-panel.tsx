import { AgeBand, type Gender, type RoomGender } from '@akiwa/contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/alerts';
import { SelectField, TextField } from '../../components/form-field';
import { useApiError } from '../../hooks/use-api-error';
import { useWaitingList, useWaitingListMutations, useWaitingPrompts } from '../../hooks/use-trial-stays';
import { serviceNight } from '../../lib/dates';
import { formatLongDate } from './dates';
import { useTrialText } from './messages';

/** Free beds while people wait: a banner asking the home to offer them first. */
export function WaitingPromptsBanner({ organisationId }: { organisationId: string }) {
  const text = useTrialText();
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage === 'en' ? 'en' : 'ja';
  const prompts = useWaitingPrompts(organisationId);
  if (!prompts.data?.length) return null;
  return (
    <aside className="alert trial-prompts" role="status" aria-label={text.waitingList} data-testid="waiting-prompts">
      <p><strong>{text.prompts}</strong></p>
      <ul>
        {prompts.data.map((p) => (
          <li key={p.unitId}>{text.prompt(p.unitName, formatLongDate(p.firstFreeNight, language), p.freeNights, p.waiting)}</li>
        ))}
      </ul>
    </aside>
  );
}

export function WaitingListPanel({ organisationId }: { organisationId: string }) {
  const text = useTrialText();
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage === 'en' ? 'en' : 'ja';
  const apiError = useApiError();
  const list = useWaitingList(organisationId);
  const { add, remove } = useWaitingListMutations(organisationId);
  const [displayName, setDisplayName] = useState('');
  const [ageBand, setAgeBand] = useState<AgeBand>('30-49');
  const [gender, setGender] = useState<Gender>('male');
  const [roomGender, setRoomGender] = useState<RoomGender>('male');
  const [waitingSince, setWaitingSince] = useState(serviceNight(new Date()));
  const [notes, setNotes] = useState('');
  const fieldErrors = add.error ? apiError.fieldErrors(add.error) : {};

  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate({ displayName, ageBand, gender, roomGender, waitingSince, notes: notes || undefined }, { onSuccess: () => { setDisplayName(''); setNotes(''); } });
  };

  return (
    <section className="card trial-section" aria-labelledby="trial-waiting-title">
      <h2 id="trial-waiting-title">{text.waitingList}</h2>
      {list.error ? <ErrorAlert>{apiError.message(list.error)}</ErrorAlert> : null}
      <div className="table-scroll">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{text.displayName}</th>
              <th scope="col">{text.ageBand}</th>
              <th scope="col">{text.roomGender}</th>
              <th scope="col">{text.waitingSince}</th>
              <th scope="col">{text.notes}</th>
              <th scope="col">{text.actions}</th>
            </tr>
          </thead>
          <tbody>
            {list.data?.map((w) => (
              <tr key={w.id}>
                <th scope="row">{w.displayName ?? text.deidentified}{w.coordinatorOrganisationName ? `（${w.coordinatorOrganisationName}）` : ''}</th>
                <td>{w.ageBand}・{t(`gender.${w.gender}`)}</td>
                <td>{t(`roomGender.${w.roomGender}`)}</td>
                <td>{formatLongDate(w.waitingSince, language)}</td>
                <td>{w.notes ?? text.deidentified}</td>
                <td>
                  <button type="button" className="button button--secondary" onClick={() => remove.mutate(w.id)} aria-label={`${text.remove} ${w.displayName ?? ''}`}>
                    {text.remove}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <form className="form" onSubmit={submit} noValidate>
        {add.error ? <ErrorAlert>{apiError.message(add.error)}</ErrorAlert> : null}
        <div className="form-grid">
          <TextField label={text.displayName} name="waitingName" value={displayName} onChange={setDisplayName} error={fieldErrors.displayName} required />
          <SelectField label={text.ageBand} name="waitingAgeBand" value={ageBand} onChange={(v) => setAgeBand(v as AgeBand)}>
            {Object.values(AgeBand).map((b) => (
              <option key={b} value={b}>{b}</option>
            ))}
          </SelectField>
          <SelectField label={text.gender} name="waitingGender" value={gender} onChange={(v) => setGender(v as Gender)}>
            <option value="male">{t('gender.male')}</option>
            <option value="female">{t('gender.female')}</option>
          </SelectField>
          <SelectField label={text.roomGender} name="waitingRoomGender" value={roomGender} onChange={(v) => setRoomGender(v as RoomGender)}>
            {(['male', 'female', 'either'] as const).map((g) => (
              <option key={g} value={g}>{t(`roomGender.${g}`)}</option>
            ))}
          </SelectField>
          <TextField label={text.waitingSince} name="waitingSince" type="date" value={waitingSince} onChange={setWaitingSince} error={fieldErrors.waitingSince} />
          <TextField label={text.notes} name="waitingNotes" value={notes} onChange={setNotes} />
        </div>
        <button type="submit" className="button button--secondary" disabled={add.isPending}>
          ＋ {text.addWaiting}
        </button>
      </form>
    </section>
  );
}
