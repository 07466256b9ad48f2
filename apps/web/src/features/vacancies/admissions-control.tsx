import { fieldLabel, labelFieldsJa, type UnitView } from '@akiwa/contracts';
import { checkAdmissionsPause, PAUSE_REASON_MAX } from '@akiwa/domain';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, SuccessNotice } from '../../components/alerts';
import { Checkbox, TextField } from '../../components/form-field';
import { useApiError, type FieldErrors } from '../../hooks/use-api-error';
import { useSetAdmissions } from '../../hooks/use-units';
import { currentLanguage } from '../../lib/i18n';
import { formatDateTime } from '../../lib/format';
import { useNow } from '../../lib/use-now';
import { admissionsBadges, defaultPauseEnd, fromJstInput } from './admissions-status';

/**
 * 受入状況 on the provider's phone screen: pause admissions (感染症, 職員不足) with a reason and an
 * end, resume, and 夜間受入可. The free beds stay as they are: coordinators see the pause beside them.
 * The form checks what the API checks (libs/domain `checkAdmissionsPause`) before sending.
 */
export function AdmissionsControl({ unit }: { unit: UnitView }) {
  const { t } = useTranslation();
  const apiError = useApiError();
  const language = currentLanguage();
  const now = new Date(useNow(30_000));
  const save = useSetAdmissions(unit.id);
  const { paused } = admissionsBadges(unit, now);
  const [editing, setEditing] = useState(false);
  const [reason, setReason] = useState('');
  const [until, setUntil] = useState(() => defaultPauseEnd(now));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [notice, setNotice] = useState<{ kind: 'error' | 'success'; text: string } | null>(null);
  const disabled = Boolean(unit.retiredAt) || save.isPending;
  const titleId = `admissions-${unit.id}`;

  const send = (body: Parameters<typeof save.mutate>[0], success: string) => {
    setNotice(null);
    save.mutate(body, {
      onSuccess: () => {
        setEditing(false);
        setErrors({});
        setNotice({ kind: 'success', text: success });
      },
      onError: (error) => {
        const fields = apiError.fieldErrors(error);
        setErrors(fields);
        if (!Object.keys(fields).length) setNotice({ kind: 'error', text: apiError.message(error) });
      },
    });
  };

  const onPause = (event: FormEvent) => {
    event.preventDefault();
    const iso = fromJstInput(until);
    const problems = checkAdmissionsPause(iso ? new Date(iso) : new Date(NaN), reason, new Date());
    if (problems.length) {
      // the API's own words, its field names turned into their labels as the API does
      setErrors(Object.fromEntries(problems.map((p) => [p.field, language === 'ja' ? labelFieldsJa(p.message.ja) : p.message.en.replace(p.field, fieldLabel(p.field).en)])));
      return;
    }
    send({ pausedUntil: iso, pauseReason: reason.trim(), nightAdmission: unit.nightAdmission }, t('admissions.pausedSaved'));
  };

  return (
    <section className="admissions" aria-labelledby={titleId} data-testid="admissions-control">
      <h3 id={titleId} className="admissions-title">
        {t('admissions.title')}
      </h3>
      {paused ? (
        <div className="admissions-paused" data-testid="admissions-paused">
          <p className="admissions-paused-line">
            <span className="badge badge--danger">{t('admissions.paused')}</span>{' '}
            {t('admissions.until', { until: formatDateTime(unit.admissionsPausedUntil!, language) })}
          </p>
          <p className="admissions-reason">{unit.admissionsPauseReason}</p>
          <button
            type="button"
            className="button button--secondary button--block"
            disabled={disabled}
            onClick={() => send({ pausedUntil: null, nightAdmission: unit.nightAdmission }, t('admissions.resumedSaved'))}
          >
            {t('admissions.resume')}
          </button>
        </div>
      ) : editing ? (
        <form className="admissions-form" onSubmit={onPause} noValidate>
          <p className="field-hint">{t('admissions.figuresKept')}</p>
          <TextField
            label={t('admissions.reason')}
            name="pauseReason"
            value={reason}
            maxLength={PAUSE_REASON_MAX}
            hint={t('admissions.reasonHint', { max: PAUSE_REASON_MAX })}
            error={errors.pauseReason}
            onChange={setReason}
          />
          <TextField
            label={t('admissions.untilLabel')}
            name="pausedUntil"
            type="datetime-local"
            value={until}
            hint={t('admissions.untilHint')}
            error={errors.pausedUntil}
            onChange={setUntil}
          />
          <div className="admissions-actions">
            <button type="submit" className="button button--danger" disabled={disabled}>
              {t('admissions.submit')}
            </button>
            <button type="button" className="button button--secondary" onClick={() => (setEditing(false), setErrors({}))}>
              {t('admissions.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <button type="button" className="button button--secondary button--block" disabled={disabled} onClick={() => (setNotice(null), setEditing(true))}>
          {t('admissions.pause')}
        </button>
      )}
      <Checkbox
        label={t('admissions.night')}
        name={`night-${unit.id}`}
        checked={unit.nightAdmission}
        onChange={(checked) =>
          send(
            { pausedUntil: paused ? unit.admissionsPausedUntil : null, pauseReason: paused ? unit.admissionsPauseReason : undefined, nightAdmission: checked },
            t(checked ? 'admissions.nightOn' : 'admissions.nightOff'),
          )
        }
      />
      {errors.nightAdmission ? <ErrorAlert>{errors.nightAdmission}</ErrorAlert> : null}
      {notice?.kind === 'error' ? <ErrorAlert>{notice.text}</ErrorAlert> : null}
      {notice?.kind === 'success' ? <SuccessNotice>{notice.text}</SuccessNotice> : null}
    </section>
  );
}
