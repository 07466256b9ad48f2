import type { IssuedApiKey } from '@akiwa/contracts';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, SuccessNotice } from '../../components/alerts';
import { SelectField, TextField } from '../../components/form-field';
import { useApiError, type FieldErrors } from '../../hooks/use-api-error';
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
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [issued, setIssued] = useState<IssuedApiKey | null>(null);
  const [copied, setCopied] = useState(false);
  const nameRef = useRef<HTMLInputElement>(null);

  const serverErrors = issue.error ? apiError.fieldErrors(issue.error) : {};
  const errors = { ...serverErrors, ...clientErrors };
  const formError = issue.error && Object.keys(serverErrors).length === 0 ? apiError.message(issue.error) : null;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setIssued(null);
    setCopied(false);
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

  const copy = async (key: string) => {
    await navigator.clipboard?.writeText(key).then(
      () => setCopied(true),
      () => setCopied(false),
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
          <SuccessNotice>
            <span>{t('admin.apiKeys.issued')}</span>{' '}
            <code className="cell-break" data-testid="issued-api-key">
              {issued.key}
            </code>{' '}
            <button type="button" className="button button--secondary" onClick={() => void copy(issued.key)}>
              {copied ? t('admin.apiKeys.copied') : t('admin.apiKeys.copy')}
            </button>
          </SuccessNotice>
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
        {keys.error ? <ErrorAlert>{apiError.message(keys.error)}</ErrorAlert> : null}
        {revoke.error ? <ErrorAlert>{apiError.message(revoke.error)}</ErrorAlert> : null}
        {keys.isPending ? <p role="status">{t('app.loading')}</p> : null}
        {keys.data && keys.data.length === 0 ? <p>{t('admin.apiKeys.empty')}</p> : null}
        {keys.data && keys.data.length > 0 ? (
          <div className="table-scroll">
            <table className="table" data-testid="api-key-list">
              <caption className="visually-hidden">{t('admin.apiKeys.listTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('admin.apiKeys.name')}</th>
                  <th scope="col">{t('admin.apiKeys.organisation')}</th>
                  <th scope="col">{t('admin.apiKeys.prefix')}</th>
                  <th scope="col">{t('admin.apiKeys.prefecture')}</th>
                  <th scope="col">{t('admin.apiKeys.createdAt')}</th>
                  <th scope="col">{t('admin.apiKeys.status')}</th>
                  <th scope="col">{t('table.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {keys.data.map((k) => (
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
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
    </section>
  );
}
