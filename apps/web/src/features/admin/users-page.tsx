import type { UserView } from '@akiwa/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiErrorAlerts, ErrorAlert, SuccessNotice } from '../../components/alerts';
import { SelectField } from '../../components/form-field';
import { Pagination } from '../../components/pagination';
import { DataTable } from '../../components/data-table';
import { QueryList } from '../../components/query-list';
import { useApiError } from '../../hooks/use-api-error';
import { useOrganisations } from '../../hooks/use-organisations';
import { useUpdateUser, useUsers } from '../../hooks/use-users';
import { useResetUserMfa, useResetUserPassword } from '../../hooks/use-account';
import { useAccountTexts } from '../account/i18n';
import { usePageTitle } from '../../lib/use-page-title';
import { useSessionUser } from '../auth/session-store';
import { UserForm } from './user-form';

const PAGE_SIZE = 20;
/** The organisation pickers list up to this many organisations (one region's providers fit). */
const ORGANISATION_OPTIONS_LIMIT = 100;

export function UsersPage() {
  const { t } = useTranslation();
  usePageTitle(t('admin.users.title'));
  const me = useSessionUser();
  const apiError = useApiError();
  const [organisationId, setOrganisationId] = useState('');
  const [offset, setOffset] = useState(0);
  const organisations = useOrganisations({ limit: ORGANISATION_OPTIONS_LIMIT, offset: 0 });
  const users = useUsers({ organisationId: organisationId || undefined, limit: PAGE_SIZE, offset });
  const update = useUpdateUser();
  const reset = useResetUserPassword();
  const resetMfa = useResetUserMfa();
  const [mfaResetFor, setMfaResetFor] = useState<string | null>(null);
  const { at } = useAccountTexts();
  const [issued, setIssued] = useState<{ name: string; password: string } | null>(null);
  const organisationList = organisations.data?.items ?? [];
  const organisationName = new Map(organisationList.map((o) => [o.id, o.name] as const));

  const toggle = (user: UserView) => update.mutate({ id: user.id, changes: { active: !user.active } });

  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{t('admin.users.title')}</h1>
      </header>
      {organisations.error ? <ErrorAlert>{apiError.message(organisations.error)}</ErrorAlert> : null}
      <UserForm organisations={organisationList} />
      <section className="card" aria-labelledby="user-list-title">
        <h2 id="user-list-title">{t('admin.users.listTitle')}</h2>
        <div className="filter-bar">
          <SelectField
            label={t('admin.users.filterOrganisation')}
            name="filterOrganisationId"
            value={organisationId}
            onChange={(value) => {
              setOrganisationId(value);
              setOffset(0);
            }}
          >
            <option value="">{t('admin.users.allOrganisations')}</option>
            {organisationList.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </SelectField>
        </div>
        <ApiErrorAlerts errors={[update.error, reset.error, resetMfa.error]} />
        {mfaResetFor ? <SuccessNotice>{at('admin.mfaResetDone', { name: mfaResetFor })}</SuccessNotice> : null}
        {issued ? (
          <SuccessNotice>
            {at('admin.resetDone', { name: issued.name })} <code data-testid="one-time-password">{issued.password}</code>
          </SuccessNotice>
        ) : null}
        <QueryList items={users.data?.items} pending={users.isPending} errors={[users.error]} empty={t('admin.users.empty')}>
          {(items) => (
            <DataTable
              caption={t('admin.users.listTitle')}
              columns={[
                t('admin.users.displayName'),
                t('admin.users.email'),
                t('admin.users.role'),
                t('admin.users.organisation'),
                t('admin.users.status'),
                t('table.actions'),
              ]}
            >
              {items.map((user) => {
                const pending = update.isPending && update.variables?.id === user.id;
                return (
                  <tr key={user.id}>
                    <th scope="row">{user.displayName}</th>
                    <td className="cell-break">{user.email}</td>
                    <td>{t(`role.${user.role}`)}</td>
                    <td>{organisationName.get(user.organisationId) ?? '—'}</td>
                    <td>
                      <span className={`badge ${user.active ? 'badge--ok' : 'badge--muted'}`}>
                        {user.active ? t('admin.users.active') : t('admin.users.inactive')}
                      </span>
                    </td>
                    <td>
                      {/* An administrator cannot lock themselves out. */}
                      {user.id === me.id ? null : (
                        <button
                          type="button"
                          className={`button ${user.active ? 'button--danger' : 'button--secondary'}`}
                          aria-label={
                            user.active
                              ? t('admin.users.deactivateNamed', { name: user.displayName })
                              : t('admin.users.activateNamed', { name: user.displayName })
                          }
                          disabled={pending}
                          onClick={() => toggle(user)}
                        >
                          {user.active ? t('admin.users.deactivate') : t('admin.users.activate')}
                        </button>
                      )}
                      {user.id === me.id ? null : (
                        <button
                          type="button"
                          className="button button--secondary"
                          disabled={reset.isPending}
                          onClick={() => {
                            if (window.confirm(at('admin.resetConfirm', { name: user.displayName }))) {
                              reset.mutate(user.id, { onSuccess: (r) => setIssued({ name: user.displayName, password: r.oneTimePassword }) });
                            }
                          }}
                        >
                          {at('admin.reset')}
                        </button>
                      )}
                      {user.id === me.id ? null : (
                        <button
                          type="button"
                          className="button button--secondary"
                          disabled={resetMfa.isPending}
                          onClick={() => {
                            if (window.confirm(at('admin.mfaResetConfirm', { name: user.displayName }))) {
                              resetMfa.mutate(user.id, { onSuccess: () => setMfaResetFor(user.displayName) });
                            }
                          }}
                        >
                          {at('admin.mfaReset')}
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </DataTable>
          )}
        </QueryList>
        <Pagination label={t('admin.users.listTitle')} total={users.data?.total} limit={PAGE_SIZE} offset={offset} onChange={setOffset} />
      </section>
    </section>
  );
}
