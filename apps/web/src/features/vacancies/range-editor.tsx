import type { UnitVacancies, UnitView, VacancyGender } from '@akiwa/contracts';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { conflictCurrent } from '../../api/client';
import { ErrorAlert, SuccessNotice } from '../../components/alerts';
import { SelectField, TextField } from '../../components/form-field';
import { useApiError, type FieldErrors } from '../../hooks/use-api-error';
import { useSetVacancyRange } from '../../hooks/use-vacancies';
import { isCalendarDate } from '../../lib/dates';
import { currentLanguage } from '../../lib/i18n';
import { allowedVacancyGenders, availableRange, gendersInUse } from '../../lib/vacancies';
import { formatNight } from './format-night';

/**
 * "2 free from 11/25 to 11/30": PUT range, with labelled inputs and each error under its input. On a
 * unit that keeps 男性/女性 rows (男女別) there is one input per row it keeps, in a fixed order, and
 * each row is written (never a third 男女共通 row the board would add to them); the success message
 * says what the board will show for those nights.
 */
export function RangeEditor({ unit, today, vacancies }: { unit: UnitView; today: string; vacancies: UnitVacancies | undefined }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const apiError = useApiError();
  const save = useSetVacancyRange(unit.id);
  const inUse = gendersInUse(vacancies, unit.roomGender);
  const split = inUse.length > 1 || inUse[0] !== 'any';
  const choices = allowedVacancyGenders(unit.roomGender);
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(today);
  const [gender, setGender] = useState<VacancyGender>('any');
  const [free, setFree] = useState<Partial<Record<VacancyGender, string>>>({});
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [failedGender, setFailedGender] = useState<VacancyGender | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  // the rows written: each row the unit keeps when it splits by gender, else the one chosen
  const genders: VacancyGender[] = split ? inUse : [gender];
  const fieldOf = (g: VacancyGender) => (split ? `free.${g}` : 'free');
  // a client-side error takes the keyboard to the first invalid field
  const inputs = { from: useRef<HTMLInputElement>(null), to: useRef<HTMLInputElement>(null) };
  const freeInputs = useRef<Partial<Record<VacancyGender, HTMLInputElement | null>>>({});

  const serverErrors = save.error && !conflictCurrent(save.error) ? apiError.fieldErrors(save.error) : {};
  // the API names `free` beds; its `expectedVersion` is ours to manage, not the user's
  delete serverErrors.expectedVersion;
  if (serverErrors.free && failedGender) {
    serverErrors[fieldOf(failedGender)] = serverErrors.free;
    if (split) delete serverErrors.free;
  }
  const errors = { ...serverErrors, ...clientErrors };
  const formError = save.error
    ? conflictCurrent(save.error)
      ? t('vacancies.conflict')
      : Object.keys(serverErrors).length === 0
        ? apiError.message(save.error)
        : null
    : null;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(null);
    setFailedGender(null);
    const next: FieldErrors = {};
    if (!isCalendarDate(from)) next.from = t('range.required.from');
    if (!isCalendarDate(to)) next.to = t('range.required.to');
    else if (isCalendarDate(from) && to < from) next.to = t('range.required.order');
    const counts = genders.map((g) => ({ gender: g, text: (free[g] ?? '0').trim(), count: Number(free[g] ?? '0') }));
    for (const c of counts) if (c.text === '' || !Number.isInteger(c.count) || c.count < 0) next[fieldOf(c.gender)] = t('range.required.free');
    const total = counts.reduce((sum, c) => sum + (Number.isInteger(c.count) ? c.count : 0), 0);
    if (split && total > unit.capacity && !Object.keys(next).some((k) => k.startsWith('free'))) next[fieldOf(genders[genders.length - 1])] = t('range.required.capacity', { capacity: unit.capacity });
    setClientErrors(next);
    const firstInvalid = Object.keys(next)[0];
    if (firstInvalid === 'from' || firstInvalid === 'to') return inputs[firstInvalid].current?.focus();
    if (firstInvalid) return freeInputs.current[genders.find((g) => fieldOf(g) === firstInvalid) ?? genders[0]]?.focus();
    // lowered rows first, so the beds of a night never pass the capacity between two writes
    const before = (g: VacancyGender) => Math.max(0, ...(vacancies?.nights ?? []).filter((n) => n.gender === g && n.night >= from && n.night <= to).map((n) => n.free));
    const order = [...counts].sort((a, b) => Number(a.count > before(a.gender)) - Number(b.count > before(b.gender)));
    let state: UnitVacancies | undefined;
    for (const c of order) {
      try {
        state = await save.mutateAsync({ from, to, gender: c.gender, free: c.count });
      } catch {
        setFailedGender(c.gender);
        return;
      }
    }
    const board = state ? availableRange(state, from, to) : null;
    const range = { from: formatNight(from, language), to: formatNight(to, language) };
    const rows = split ? counts.map((c) => t('range.savedRow', { gender: t(`vacancyGender.${c.gender}`), free: c.count })).join(t('range.savedJoin')) : null;
    const head = rows ? t('range.savedSplit', { ...range, rows }) : t('range.saved', { ...range, free: counts[0].count });
    const shown = board ? (board.min === board.max ? t('range.boardShows', { count: board.min }) : t('range.boardShowsRange', { min: board.min, max: board.max })) : '';
    setSaved(`${head}${shown}`);
  };

  return (
    <form className="form card" noValidate onSubmit={onSubmit} aria-labelledby="range-title">
      <h2 id="range-title">{t('range.title')}</h2>
      <p className="field-hint">{split ? t('range.leadSplit') : t('range.lead')}</p>
      {saved ? <SuccessNotice>{saved}</SuccessNotice> : null}
      {formError ? <ErrorAlert>{formError}</ErrorAlert> : null}
      <div className="form-grid form-grid--range">
        <TextField type="date" label={t('range.from')} name="from" value={from} min={today} onChange={setFrom} error={errors.from} inputRef={inputs.from} />
        <TextField type="date" label={t('range.to')} name="to" value={to} min={from || today} onChange={setTo} error={errors.to} inputRef={inputs.to} />
        {!split && choices.length > 1 ? (
          <SelectField label={t('range.gender')} name="gender" value={gender} onChange={(v) => setGender(v as VacancyGender)} error={errors.gender}>
            {choices.map((g) => (
              <option key={g} value={g}>
                {t(`vacancyGender.${g}`)}
              </option>
            ))}
          </SelectField>
        ) : null}
        {genders.map((g) => (
          <TextField
            key={g}
            type="number"
            inputMode="numeric"
            label={split ? t('range.freeOf', { gender: t(`vacancyGender.${g}`) }) : t('range.free')}
            name={fieldOf(g)}
            value={free[g] ?? '0'}
            min={0}
            max={unit.capacity}
            step={1}
            onChange={(v) => setFree((f) => ({ ...f, [g]: v }))}
            error={errors[fieldOf(g)]}
            inputRef={(el: HTMLInputElement | null) => {
              freeInputs.current[g] = el;
            }}
          />
        ))}
      </div>
      <button type="submit" className="button button--primary" disabled={save.isPending}>
        {save.isPending ? t('common.saving') : t('range.submit')}
      </button>
    </form>
  );
}
