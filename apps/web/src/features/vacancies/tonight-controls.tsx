import type { UnitVacancies, UnitView, VacancyNight } from '@akiwa/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, SuccessNotice } from '../../components/alerts';
import { conflictCurrent } from '../../api/client';
import { useApiError } from '../../hooks/use-api-error';
import { useAdjustVacancy, useConfirmVacancies } from '../../hooks/use-vacancies';
import { rowsForNight } from '../../lib/vacancies';

interface TonightControlsProps {
  unit: UnitView;
  tonight: string;
  vacancies: UnitVacancies | undefined;
}

type Notice = { kind: 'error' | 'success'; text: string } | null;

/**
 * Tonight's free beds with big − / + buttons and the one-tap "still accurate" confirmation: the
 * screen a member of staff uses on a phone at night. Taps show at once and are sent one after
 * another; a colleague's earlier change (409) replaces the figures and is said so.
 */
export function TonightControls({ unit, tonight, vacancies }: TonightControlsProps) {
  const { t } = useTranslation();
  const apiError = useApiError();
  const adjust = useAdjustVacancy(unit.id);
  const confirm = useConfirmVacancies(unit.id);
  const [notice, setNotice] = useState<Notice>(null);
  const rows = rowsForNight(vacancies, tonight);
  const registered = Boolean(vacancies?.nights.some((n) => n.night === tonight));
  const totalFree = rows.reduce((sum, r) => sum + r.free, 0);
  const gendered = rows.some((r) => r.gender !== 'any');
  const disabled = !vacancies || Boolean(unit.retiredAt);

  const onError = (error: unknown) => {
    setNotice({ kind: 'error', text: conflictCurrent(error) ? t('vacancies.conflict') : apiError.message(error) });
  };

  const step = (row: VacancyNight, delta: 1 | -1) => {
    setNotice(null);
    adjust.mutate({ night: tonight, gender: row.gender, delta }, { onError });
  };

  const label = (row: VacancyNight, direction: 'increase' | 'decrease') =>
    row.gender === 'any'
      ? t(`vacancies.${direction}`)
      : t(`vacancies.${direction}Gender`, { gender: t(`vacancyGender.${row.gender}`) });

  return (
    <div className="tonight">
      <ul className="tonight-rows">
        {rows.map((row) => (
          <li key={row.gender} className="tonight-row">
            <span className="tonight-gender">{gendered ? t(`vacancyGender.${row.gender}`) : t('vacancies.freeBeds')}</span>
            <button
              type="button"
              className="step-button"
              aria-label={label(row, 'decrease')}
              disabled={disabled || row.free <= 0 || row.free <= row.held}
              onClick={() => step(row, -1)}
            >
              <span aria-hidden="true">−</span>
            </button>
            <span className="tonight-count">
              <output data-testid="tonight-free" data-gender={row.gender} aria-live="polite">
                {row.free}
              </output>
              <span className="tonight-unit">{t('vacancies.bedsUnit')}</span>
            </span>
            <button
              type="button"
              className="step-button"
              aria-label={label(row, 'increase')}
              disabled={disabled || totalFree >= unit.capacity}
              onClick={() => step(row, 1)}
            >
              <span aria-hidden="true">＋</span>
            </button>
            {row.held > 0 ? <span className="tonight-held">{t('vacancies.held', { count: row.held })}</span> : null}
          </li>
        ))}
      </ul>
      {vacancies && !registered ? <p className="tonight-note">{t('vacancies.notRegistered')}</p> : null}
      {notice?.kind === 'error' ? <ErrorAlert>{notice.text}</ErrorAlert> : null}
      {notice?.kind === 'success' ? <SuccessNotice>{notice.text}</SuccessNotice> : null}
      <button
        type="button"
        className="button button--primary button--block button--big"
        disabled={disabled || confirm.isPending}
        onClick={() => {
          setNotice(null);
          confirm.mutate(undefined, {
            onSuccess: () => setNotice({ kind: 'success', text: t('vacancies.confirmed') }),
            onError,
          });
        }}
      >
        {confirm.isPending ? t('vacancies.confirming') : t('vacancies.confirm')}
      </button>
    </div>
  );
}
