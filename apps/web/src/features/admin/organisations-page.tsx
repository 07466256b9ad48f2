import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/alerts';
import { Pagination } from '../../components/pagination';
import { useApiError } from '../../hooks/use-api-error';
import { useGeography } from '../../hooks/use-geography';
import { useOrganisations, useUpdateOrganisation } from '../../hooks/use-organisations';
import { Checkbox } from '../../components/form-field';
import { useAccountTexts } from '../account/i18n';
import { formatDate, municipalityLabel } from '../../lib/format';
import { currentLanguage } from '../../lib/i18n';
import { usePageTitle } from '../../lib/use-page-title';
import { OrganisationForm } from './organisation-form';
import { useMunicipalityIndex } from './use-municipality-index';

const PAGE_SIZE = 20;

export function OrganisationsPage() {
  const { t } = useTranslation();
  usePageTitle(t('admin.organisations.title'));
  const language = currentLanguage();
  const [offset, setOffset] = useState(0);
  const organisations = useOrganisations({ limit: PAGE_SIZE, offset });
  const geography = useGeography();
  const index = useMunicipalityIndex(geography.data);
  const apiError = useApiError();
  const update = useUpdateOrganisation();
  const { at } = useAccountTexts();

  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{t('admin.organisations.title')}</h1>
      </header>
      <OrganisationForm />
      <section className="card" aria-labelledby="organisation-list-title">
        <h2 id="organisation-list-title">{t('admin.organisations.listTitle')}</h2>
        {organisations.error ? <ErrorAlert>{apiError.message(organisations.error)}</ErrorAlert> : null}
        {update.error ? <ErrorAlert>{apiError.message(update.error)}</ErrorAlert> : null}
        {organisations.isPending ? <p role="status">{t('app.loading')}</p> : null}
        {organisations.data && organisations.data.items.length === 0 ? <p>{t('admin.organisations.empty')}</p> : null}
        {organisations.data && organisations.data.items.length > 0 ? (
          <div className="table-scroll">
            <table className="table">
              <caption className="visually-hidden">{t('admin.organisations.listTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('admin.organisations.name')}</th>
                  <th scope="col">{t('admin.organisations.kind')}</th>
                  <th scope="col">{t('admin.organisations.municipality')}</th>
                  <th scope="col">{t('admin.organisations.createdAt')}</th>
                  <th scope="col">{at('admin.mfaColumn')}</th>
                </tr>
              </thead>
              <tbody>
                {organisations.data.items.map((organisation) => {
                  const municipality = organisation.municipalityCode
                    ? index.byCode.get(organisation.municipalityCode)
                    : undefined;
                  return (
                    <tr key={organisation.id}>
                      <th scope="row">{organisation.name}</th>
                      <td>{t(`organisationKind.${organisation.kind}`)}</td>
                      <td>
                        {municipality
                          ? municipalityLabel(municipality, index.byCode, language)
                          : (organisation.municipalityCode ?? '—')}
                      </td>
                      <td>{formatDate(organisation.createdAt, language)}</td>
                      <td>
                        <Checkbox
                          label={at('admin.mfaRequired')}
                          name={`mfa-${organisation.id}`}
                          checked={organisation.mfaRequired}
                          onChange={(mfaRequired) => update.mutate({ id: organisation.id, changes: { mfaRequired } })}
                        />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        ) : null}
        {organisations.data ? (
          <Pagination
            label={t('admin.organisations.listTitle')}
            total={organisations.data.total}
            limit={PAGE_SIZE}
            offset={offset}
            onChange={setOffset}
          />
        ) : null}
      </section>
    </section>
  );
}
