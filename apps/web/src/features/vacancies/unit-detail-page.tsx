import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorAlert } from '../../components/alerts';
import { useApiError } from '../../hooks/use-api-error';
import { useRetireUnit, useUnit } from '../../hooks/use-units';
import { useUnitVacancies } from '../../hooks/use-vacancies';
import { useVacancyLive } from '../../hooks/use-vacancy-live';
import { serviceNight } from '../../lib/dates';
import { formatDate } from '../../lib/format';
import { currentLanguage } from '../../lib/i18n';
import { useNow } from '../../lib/use-now';
import { usePageTitle } from '../../lib/use-page-title';
import { Paths } from '../layout/navigation';
import { NotFoundPage } from '../layout/status-pages';
import { formatNight } from './format-night';
import { FreshnessBadge } from './freshness-badge';
import { RangeEditor } from './range-editor';
import { TonightControls } from './tonight-controls';
import { UnitForm } from './unit-form';
import { VacancyGrid } from './vacancy-grid';
import { providerWindow } from './vacancy-window';

/** One unit: tonight, the next 30 nights, a range editor, the unit's fields, and retiring it. */
export function UnitDetailPage() {
  const { unitId = '' } = useParams();
  const { t } = useTranslation();
  const language = currentLanguage();
  const apiError = useApiError();
  const unit = useUnit(unitId);
  const tonight = serviceNight(new Date(useNow(60_000)));
  const window = providerWindow(tonight);
  const vacancies = useUnitVacancies(unitId, window, unit.isSuccess);
  const live = useVacancyLive(null);
  usePageTitle(unit.data?.name ?? t('units.detailTitle'));

  if (unit.error?.status === 404) return <NotFoundPage />;

  return (
    <section className="page" aria-labelledby="page-title">
      <p>
        <Link to={Paths.provider.vacancies}>← {t('units.backToList')}</Link>
      </p>
      <header className="page-header">
        <h1 id="page-title">{unit.data?.name ?? t('units.detailTitle')}</h1>
        {unit.data ? (
          <p className="page-lead">
            {t(`serviceType.${unit.data.serviceType}`)}・{t('vacancies.capacity', { count: unit.data.capacity })}
          </p>
        ) : null}
      </header>
      {unit.error ? <ErrorAlert>{apiError.message(unit.error)}</ErrorAlert> : null}
      {unit.isPending ? <p role="status">{t('app.loading')}</p> : null}
      {unit.data?.retiredAt ? (
        <p className="notice">{t('units.retiredNotice', { date: formatDate(unit.data.retiredAt, language) })}</p>
      ) : null}
      {unit.data ? (
        <>
          <section
            className={`card unit-card${live.changed.has(unitId) ? ' is-changed' : ''}`}
            data-testid="unit-card"
            data-unit-id={unitId}
            data-changed={live.changed.has(unitId) ? 'true' : undefined}
            aria-labelledby="tonight-title"
          >
            <header className="unit-card-header">
              <h2 id="tonight-title" className="tonight-title">
                {t('vacancies.tonight', { date: formatNight(tonight, language) })}
              </h2>
              {vacancies.data ? <FreshnessBadge confirmedAt={vacancies.data.confirmedAt} freshness={vacancies.data.freshness} /> : null}
            </header>
            {vacancies.error ? <ErrorAlert>{apiError.message(vacancies.error)}</ErrorAlert> : null}
            <TonightControls unit={unit.data} tonight={tonight} vacancies={vacancies.data} />
          </section>
          <section className="card" aria-labelledby="grid-title">
            <h2 id="grid-title">
              {t('grid.title', { from: formatNight(window.from, language, false), to: formatNight(window.to, language, false) })}
            </h2>
            <p className="field-hint">{t('grid.scrollHint')}</p>
            {vacancies.data ? <VacancyGrid data={vacancies.data} window={window} caption={t('grid.caption')} /> : null}
          </section>
          {!unit.data.retiredAt ? <RangeEditor unit={unit.data} today={tonight} vacancies={vacancies.data} /> : null}
          {!unit.data.retiredAt ? <UnitForm unit={unit.data} /> : null}
          {!unit.data.retiredAt ? <RetireUnit unitId={unitId} name={unit.data.name} /> : null}
        </>
      ) : null}
    </section>
  );
}

/** Retiring asks first, in a real modal dialog (focus trapped, Esc closes). */
function RetireUnit({ unitId, name }: { unitId: string; name: string }) {
  const { t } = useTranslation();
  const apiError = useApiError();
  const retire = useRetireUnit(unitId);
  const navigate = useNavigate();
  const dialog = useRef<HTMLDialogElement>(null);
  return (
    <section className="card danger-zone" aria-labelledby="retire-title">
      <h2 id="retire-title" className="visually-hidden">
        {t('units.retire')}
      </h2>
      {retire.error ? <ErrorAlert>{apiError.message(retire.error)}</ErrorAlert> : null}
      <button type="button" className="button button--danger" onClick={() => dialog.current?.showModal()}>
        {t('units.retire')}
      </button>
      <dialog ref={dialog} className="dialog" aria-labelledby="retire-dialog-title" aria-describedby="retire-dialog-body">
        <h2 id="retire-dialog-title">{t('units.retireTitle')}</h2>
        <p id="retire-dialog-body">{t('units.retireBody', { name })}</p>
        <div className="button-row">
          <button type="button" className="button button--secondary" autoFocus onClick={() => dialog.current?.close()}>
            {t('units.cancel')}
          </button>
          <button
            type="button"
            className="button button--danger"
            disabled={retire.isPending}
            onClick={() =>
              retire.mutate(undefined, {
                onSuccess: () => {
                  dialog.current?.close();
                  void navigate(Paths.provider.vacancies);
                },
                onError: () => dialog.current?.close(),
              })
            }
          >
            {t('units.retireConfirm')}
          </button>
        </div>
      </dialog>
    </section>
  );
}
