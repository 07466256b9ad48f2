import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/alerts';
import { useApiError } from '../../hooks/use-api-error';
import { useMyUnits } from '../../hooks/use-units';
import { useVacancyLive } from '../../hooks/use-vacancy-live';
import { serviceNight } from '../../lib/dates';
import { useNow } from '../../lib/use-now';
import { usePageTitle } from '../../lib/use-page-title';
import { useSessionUser } from '../auth/session-store';
import { Paths } from '../layout/navigation';
import { CsvTools } from './csv-tools';
import { OfflineChanges } from './offline-changes';
import { UnitCard } from './unit-card';

/** 空き状況: a provider keeps its units' free beds current — made for a phone, at night. */
export function ProviderVacanciesPage() {
  const { t } = useTranslation();
  usePageTitle(t('vacancies.title'));
  const user = useSessionUser();
  const apiError = useApiError();
  const units = useMyUnits(user.organisation.id);
  // Colleagues' changes arrive through the organisation's room (joined at connection).
  const live = useVacancyLive(null);
  const tonight = serviceNight(new Date(useNow(60_000)));

  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{t('vacancies.title')}</h1>
        <p className="page-lead">{t('vacancies.lead')}</p>
      </header>
      <OfflineChanges userId={user.id} units={units.data?.items ?? []} />
      {units.error ? <ErrorAlert>{apiError.message(units.error)}</ErrorAlert> : null}
      {units.isPending ? <p role="status">{t('app.loading')}</p> : null}
      {units.data && units.data.items.length === 0 ? <p className="notice">{t('vacancies.noUnits')}</p> : null}
      {units.data && units.data.items.length > 0 ? (
        <section aria-label={t('vacancies.unitsTitle')}>
          <ul className="unit-list">
            {units.data.items.map((unit) => (
              <li key={unit.id}>
                <UnitCard unit={unit} tonight={tonight} changed={live.changed.has(unit.id)} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <p>
        <Link className="button button--secondary" to={Paths.provider.newUnit}>
          ＋ {t('vacancies.addUnit')}
        </Link>
      </p>
      <CsvTools today={tonight} />
    </section>
  );
}
