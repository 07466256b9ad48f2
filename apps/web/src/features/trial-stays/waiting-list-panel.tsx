import { AgeBand, type Gender, type RoomGender } from '@akiwa/contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/alerts';
import { DataTable } from '../../components/data-table';
import { SelectField, TextField } from '../../components/form-field';
import { useApiError } from '../../hooks/use-api-error';
import { useWaitingList, useWaitingListMutations, useWaitingPrompts } from '../../hooks/use-trial-stays';
import { serviceNight } from '../../lib/dates';
import { formatLongDate } from './dates';
import { useTrialTexts } from './i18n';

/** Free beds while people wait: a banner asking the home to offer them first. */
export function WaitingPromptsBanner({ organisationId }: { organisationId: string }) {
  const { tt } = useTrialTexts();
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage === 'en' ? 'en' : 'ja';
  const prompts = useWaitingPrompts(organisationId);
  if (!prompts.data?.length) return null;
  return (
    <aside className="alert trial-prompts" role="status" aria-label={tt('waitingList')} data-testid="waiting-prompts">
      <p><strong>{tt('prompts')}</strong></p>
      <ul>
        {prompts.data.map((p) => (
          <li key={p.unitId}>{tt('prompt', { unit: p.unitName, first: formatLongDate(p.firstFreeNight, language), nights: p.freeNights, waiting: p.waiting })}</li>
        ))}
      </ul>
    </aside>
  );
}

export function WaitingListPanel({ organisationId }: { organisationId: string }) {
  const { tt } = useTrialTexts();
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
      <h2 id="trial-waiting-title">{tt('waitingList')}</h2>
      {list.error ? <ErrorAlert>{apiError.message(list.error)}</ErrorAlert> : null}
      <DataTable columns={[tt('displayName'), tt('ageBand'), tt('roomGender'), tt('waitingSince'), tt('notes'), tt('actions')]}>
        {list.data?.map((w) => (
          <tr key={w.id}>
            <th scope="row">{w.displayName ?? tt('deidentified')}{w.coordinatorOrganisationName ? `（${w.coordinatorOrganisationName}）` : ''}</th>
            <td>{w.ageBand}・{t(`gender.${w.gender}`)}</td>
            <td>{t(`roomGender.${w.roomGender}`)}</td>
            <td>{formatLongDate(w.waitingSince, language)}</td>
            <td>{w.notes ?? tt('deidentified')}</td>
            <td>
              <button type="button" className="button button--secondary" onClick={() => remove.mutate(w.id)} aria-label={`${tt('remove')} ${w.displayName ?? ''}`}>
                {tt('remove')}
              </button>
            </td>
          </tr>
        ))}
      </DataTable>
      <form className="form" onSubmit={submit} noValidate>
        {add.error ? <ErrorAlert>{apiError.message(add.error)}</ErrorAlert> : null}
        <div className="form-grid">
          <TextField label={tt('displayName')} name="waitingName" value={displayName} onChange={setDisplayName} error={fieldErrors.displayName} required />
          <SelectField label={tt('ageBand')} name="waitingAgeBand" value={ageBand} onChange={(v) => setAgeBand(v as AgeBand)}>
            {Object.values(AgeBand).map((b) => (
              <option key={b} value={b}>{b}</option>
            ))}
          </SelectField>
          <SelectField label={tt('gender')} name="waitingGender" value={gender} onChange={(v) => setGender(v as Gender)}>
            <option value="male">{t('gender.male')}</option>
            <option value="female">{t('gender.female')}</option>
          </SelectField>
          <SelectField label={tt('roomGender')} name="waitingRoomGender" value={roomGender} onChange={(v) => setRoomGender(v as RoomGender)}>
            {(['male', 'female', 'either'] as const).map((g) => (
              <option key={g} value={g}>{t(`roomGender.${g}`)}</option>
            ))}
          </SelectField>
          <TextField label={tt('waitingSince')} name="waitingSince" type="date" value={waitingSince} onChange={setWaitingSince} error={fieldErrors.waitingSince} />
          <TextField label={tt('notes')} name="waitingNotes" value={notes} onChange={setNotes} />
        </div>
        <button type="submit" className="button button--secondary" disabled={add.isPending}>
          ＋ {tt('addWaiting')}
        </button>
      </form>
    </section>
  );
}
