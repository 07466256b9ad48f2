import type { UnitView } from '@akiwa/contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/alerts';
import { useApiError } from '../../hooks/use-api-error';
import { useUnitVacancies } from '../../hooks/use-vacancies';
import { formatNight } from './format-night';
import { FreshnessBadge } from './freshness-badge';
import { AdmissionsControl } from './admissions-control';
import { TonightControls } from './tonight-controls';
import { providerWindow } from './vacancy-window';
import { Paths } from '../layout/navigation';
import { currentLanguage } from '../../lib/i18n';

interface UnitCardProps {
  unit: UnitView;
  tonight: string;
  /** A colleague changed it a moment ago: highlight. */
  changed: boolean;
}

export function UnitCard({ unit, tonight, changed }: UnitCardProps) {
  const { t } = useTranslation();
  const apiError = useApiError();
  const vacancies = useUnitVacancies(unit.id, providerWindow(tonight));
  const titleId = `unit-${unit.id}-title`;
  return (
    <article
      className={`card unit-card${changed ? ' is-changed' : ''}`}
      data-testid="unit-card"
      data-unit-id={unit.id}
      data-changed={changed ? 'true' : undefined}
      aria-labelledby={titleId}
    >
      <header className="unit-card-header">
        <h2 id={titleId} className="unit-card-title">
          {unit.name}
        </h2>
        <p className="unit-card-meta">
          {t(`serviceType.${unit.serviceType}`)}・{t('vacancies.capacity', { count: unit.capacity })}
        </p>
        {vacancies.data ? (
          <FreshnessBadge confirmedAt={vacancies.data.confirmedAt} freshness={vacancies.data.freshness} />
        ) : null}
      </header>
      <h3 className="tonight-title">{t('vacancies.tonight', { date: formatNight(tonight, currentLanguage()) })}</h3>
      {vacancies.error ? <ErrorAlert>{apiError.message(vacancies.error)}</ErrorAlert> : null}
      {vacancies.isPending ? <p role="status">{t('app.loading')}</p> : null}
      <TonightControls unit={unit} tonight={tonight} vacancies={vacancies.data} />
      <AdmissionsControl unit={unit} />
      <p className="unit-card-link">
        <Link to={Paths.provider.unit(unit.id)} aria-label={t('vacancies.detailsOf', { name: unit.name })}>
          {t('vacancies.details')}
        </Link>
      </p>
    </article>
  );
}
