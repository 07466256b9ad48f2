import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { usePageTitle } from '../../lib/use-page-title';
import { useSessionUser } from '../auth/session-store';
import { Paths } from '../layout/navigation';
import { UnitForm } from './unit-form';

export function UnitNewPage() {
  const { t } = useTranslation();
  usePageTitle(t('units.createTitle'));
  const user = useSessionUser();
  const navigate = useNavigate();
  return (
    <section className="page" aria-labelledby="page-title">
      <p>
        <Link to={Paths.provider.vacancies}>← {t('units.backToList')}</Link>
      </p>
      <header className="page-header">
        <h1 id="page-title">{t('units.createTitle')}</h1>
      </header>
      <UnitForm
        defaultMunicipalityCode={user.organisation.municipalityCode ?? ''}
        onCreated={(unit) => void navigate(Paths.provider.unit(unit.id))}
      />
    </section>
  );
}
