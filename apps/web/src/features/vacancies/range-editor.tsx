import type { UnitView, VacancyGender } from '@akiwa/contracts';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { conflictCurrent } from '../../api/client';
import { ErrorAlert, SuccessNotice } from '../../components/alerts';
import { SelectField, TextField } from '../../components/form-field';
import { useApiError, type FieldErrors } from '../../hooks/use-api-error';
import { useSetVacancyRange } from '../../hooks/use-vacancies';
import { isCalendarDate } from '../../lib/dates';
import { currentLanguage } from '../../lib/i18n';
import { allowedVacancyGenders } from '../../lib/vacancies';
import { formatNight } from './format-night';

/** "2 free from 11/25 to 11/30": PUT range, with labelled inputs and each error under its input. */
export function RangeEditor({ unit, today }: { unit: UnitView; today: string }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const apiError = useApiError();
  const save = useSetVacancyRange(unit.id);
  const genders = allowedVacancyGenders(unit.roomGender);
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(today);
  const [gender, setGender] = useState<VacancyGender>('any');
  const [free, setFree] = useState('0');
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [saved, setSaved] = useState<string | null>(null);
  // a client-side error takes the keyboard to the first invalid field
  const inputs = { from: useRef<HTMLInputElement>(null), to: useRef<HTMLInputElement>(null), free: useRef<HTMLInputElement>(null) };

  const serverErrors = save.error && !conflictCurrent(save.error) ? apiError.fieldErrors(save.error) : {};
  // the API names `free` beds; its `expectedVersion` is ours to manage, not the user's
  delete serverErrors.expectedVersion;
  const errors = { ...serverErrors, ...clientErrors };
  const formError = save.error
    ? conflictCurrent(save.error)
      ? t('vacancies.conflict')
      : Object.keys(serverErrors).length === 0
        ? apiError.message(save.error)
        : null
    : null;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(null);
    const next: FieldErrors = {};
    if (!isCalendarDate(from)) next.from = t('range.required.from');
    if (!isCalendarDate(to)) next.to = t('range.required.to');
    else if (isCalendarDate(from) && to < from) next.to = t('range.required.order');
    const count = Number(free);
    if (free.trim() === '' || !Number.isInteger(count) || count < 0) next.free = t('range.required.free');
    setClientErrors(next);
    const firstInvalid = (Object.keys(next) as (keyof typeof inputs)[])[0];
    if (firstInvalid) return inputs[firstInvalid].current?.focus();
    save.mutate(
      { from, to, gender, free: count },
      {
        onSuccess: () =>
          setSaved(t('range.saved', { from: formatNight(from, language), to: formatNight(to, language), free: count })),
      },
    );
  };

  return (
    <form className="form card" noValidate onSubmit={onSubmit} aria-labelledby="range-title">
      <h2 id="range-title">{t('range.title')}</h2>
      <p className="field-hint">{t('range.lead')}</p>
      {saved ? <SuccessNotice>{saved}</SuccessNotice> : null}
      {formError ? <ErrorAlert>{formError}</ErrorAlert> : null}
      <div className="form-grid form-grid--range">
        <TextField type="date" label={t('range.from')} name="from" value={from} min={today} onChange={setFrom} error={errors.from} inputRef={inputs.from} />
        <TextField type="date" label={t('range.to')} name="to" value={to} min={from || today} onChange={setTo} error={errors.to} inputRef={inputs.to} />
        {genders.length > 1 ? (
          <SelectField label={t('range.gender')} name="gender" value={gender} onChange={(v) => setGender(v as VacancyGender)} error={errors.gender}>
            {genders.map((g) => (
              <option key={g} value={g}>
                {t(`vacancyGender.${g}`)}
              </option>
            ))}
          </SelectField>
        ) : null}
        <TextField
          type="number"
          inputMode="numeric"
          label={t('range.free')}
          name="free"
          value={free}
          min={0}
          max={unit.capacity}
          step={1}
          onChange={setFree}
          error={errors.free}
          inputRef={inputs.free}
        />
      </div>
      <button type="submit" className="button button--primary" disabled={save.isPending}>
        {save.isPending ? t('common.saving') : t('range.submit')}
      </button>
    </form>
  );
}
