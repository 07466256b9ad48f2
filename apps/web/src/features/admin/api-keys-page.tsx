import type { IssuedApiKey } from '@akiwa/contracts';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/alerts';
import { DataTable } from '../../components/data-table';
import { SelectField, TextField } from '../../components/form-field';
import { QueryList } from '../../components/query-list';
import { ShownOnceSecret } from '../../components/shown-once-secret';
import { useApiError, type FieldErrors } from '../../hooks/use-api-error';
import { useFormErrors } from '../../hooks/use-form-errors';
import { useApiKeys, useIssueApiKey, useRevokeApiKey } from '../../hooks/use-api-keys';
import { useOrganisations } from '../../hooks/use-organisations';
import { currentLanguage } from '../../lib/i18n';
import { formatDateTime } from '../../lib/format';
import { usePageTitle } from '../../lib/use-page-title';

/** The organisation picker lists up to this many organisations (as on the users page). */
const ORGANISATION_OPTIONS_LIMIT = 100;

/**
 * APIキー: an administrator issues a key to an organisation for the open feeds (shown once, here,
 * right after issue) and revokes keys.
 */
export function ApiKeysPage() {
  const { t } = useTranslation();
  usePageTitle(t('admin.apiKeys.title'));
  const language = currentLanguage();
  const apiError = useApiError();
  const organisations = useOrganisations({ limit: ORGANISATION_OPTIONS_LIMIT, offset: 0 });
  const keys = useApiKeys(null);
  const issue = useIssueApiKey();
  const revoke = useRevokeApiKey();
  const [organisationId, setOrganisationId] = useState('');
  const [name, setName] = useState('');
  const [issued, setIssued] = useState<IssuedApiKey | null>(null);
  const nameRef = useRef<HTMLInputElement>(null);

  const { errors, formError, setClientErrors } = useFormErrors(issue.error);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setIssued(null);
    const next: FieldErrors = {};
    if (!organisationId) next.organisationId = t('admin.apiKeys.required.organisation');
    if (!name.trim()) next.name = t('admin.apiKeys.required.name');
    setClientErrors(next);
    if (Object.keys(next).length) return;
    issue.mutate(
      { organisationId, name: name.trim() },
      {
        onSuccess: (key) => {
          setIssued(key);
          setName('');
        },
      },
    );
  };

  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{t('admin.apiKeys.title')}</h1>
      </header>
      <p>{t('admin.apiKeys.intro')}</p>
      {organisations.error ? <ErrorAlert>{apiError.message(organisations.error)}</ErrorAlert> : null}

      <form className="form card" noValidate onSubmit={onSubmit} aria-labelledby="api-key-form-title" data-testid="api-key-form">
        <h2 id="api-key-form-title">{t('admin.apiKeys.issueTitle')}</h2>
        {formError ? <ErrorAlert>{formError}</ErrorAlert> : null}
        {issued ? (
          <ShownOnceSecret lead={t('admin.apiKeys.issued')} secret={issued.key} testId="issued-api-key" copyLabel={t('admin.apiKeys.copy')} copiedLabel={t('admin.apiKeys.copied')} />
        ) : null}
        <div className="form-grid">
          <SelectField label={t('admin.apiKeys.organisation')} name="organisationId" required value={organisationId} onChange={setOrganisationId} error={errors.organisationId}>
            <option value="">{t('admin.apiKeys.chooseOrganisation')}</option>
            {(organisations.data?.items ?? []).map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </SelectField>
          <TextField
            label={t('admin.apiKeys.name')}
            name="name"
            required
            hint={t('admin.apiKeys.namePlaceholder')}
            maxLength={100}
            value={name}
            onChange={setName}
            error={errors.name}
            inputRef={nameRef}
          />
        </div>
        <button type="submit" className="button button--primary" disabled={issue.isPending}>
          {t('admin.apiKeys.issue')}
        </button>
      </form>

      <section className="card" aria-labelledby="api-key-list-title">
        <h2 id="api-key-list-title">{t('admin.apiKeys.listTitle')}</h2>
        <QueryList items={keys.data} pending={keys.isPending} errors={[keys.error, revoke.error]} empty={t('admin.apiKeys.empty')}>
          {(items) => (
            <DataTable
              testId="api-key-list"
              caption={t('admin.apiKeys.listTitle')}
              columns={[
                t('admin.apiKeys.name'),
                t('admin.apiKeys.organisation'),
                t('admin.apiKeys.prefix'),
                t('admin.apiKeys.prefecture'),
                t('admin.apiKeys.createdAt'),
                t('admin.apiKeys.status'),
                t('table.actions'),
              ]}
            >
              {items.map((k) => (
                <tr key={k.id} data-key-prefix={k.prefix}>
                  <th scope="row" className="cell-break">
                    {k.name}
                  </th>
                  <td>{k.organisationName}</td>
                  <td>
                    <code>ak_{k.prefix}_…</code>
                  </td>
                  <td>{k.prefectureCode}</td>
                  <td>{formatDateTime(k.createdAt, language)}</td>
                  <td>
                    <span className={`badge ${k.revokedAt ? 'badge--muted' : 'badge--ok'}`}>{k.revokedAt ? t('admin.apiKeys.revoked') : t('admin.apiKeys.live')}</span>
                  </td>
                  <td>
                    {k.revokedAt ? null : (
                      <button
                        type="button"
                        className="button button--danger"
                        aria-label={t('admin.apiKeys.revokeNamed', { name: k.name })}
                        disabled={revoke.isPending && revoke.variables === k.id}
                        onClick={() => {
                          if (window.confirm(t('admin.apiKeys.confirmRevoke', { name: k.name }))) revoke.mutate(k.id);
                        }}
                      >
                        {t('admin.apiKeys.revoke')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </DataTable>
          )}
        </QueryList>
      </section>
    </section>
  );
}
