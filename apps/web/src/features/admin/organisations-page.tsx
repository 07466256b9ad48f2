import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Pagination } from '../../components/pagination';
import { DataTable } from '../../components/data-table';
import { QueryList } from '../../components/query-list';
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
        <QueryList items={organisations.data?.items} pending={organisations.isPending} errors={[organisations.error, update.error]} empty={t('admin.organisations.empty')}>
          {(items) => (
            <DataTable
              caption={t('admin.organisations.listTitle')}
              columns={[
                t('admin.organisations.name'),
                t('admin.organisations.kind'),
                t('admin.organisations.municipality'),
                t('admin.organisations.createdAt'),
                at('admin.mfaColumn'),
              ]}
            >
              {items.map((organisation) => {
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
            </DataTable>
          )}
        </QueryList>
        <Pagination label={t('admin.organisations.listTitle')} total={organisations.data?.total} limit={PAGE_SIZE} offset={offset} onChange={setOffset} />
      </section>
    </section>
  );
}
