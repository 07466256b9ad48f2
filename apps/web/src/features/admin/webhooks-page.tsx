import type { CreatedWebhookEndpoint, CreateWebhookRequest, GeographyView, WebhookArea } from '@akiwa/contracts';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/alerts';
import { DataTable } from '../../components/data-table';
import { SelectField, TextField } from '../../components/form-field';
import { QueryList } from '../../components/query-list';
import { ShownOnceSecret } from '../../components/shown-once-secret';
import { useApiError, type FieldErrors } from '../../hooks/use-api-error';
import { useFormErrors } from '../../hooks/use-form-errors';
import { useGeography } from '../../hooks/use-geography';
import { useCreateWebhook, useDeleteWebhook, useEnableWebhook, useWebhooks } from '../../hooks/use-webhooks';
import { currentLanguage } from '../../lib/i18n';
import { formatDateTime } from '../../lib/format';
import { usePageTitle } from '../../lib/use-page-title';

/** One select for the three kinds of area: `p:43`, `r:43-uki`, `m:43213`. */
const toArea = (value: string): WebhookArea => {
  const [kind, code] = [value.slice(0, 1), value.slice(2)];
  return kind === 'p' ? { prefectureCode: code } : kind === 'r' ? { regionId: code } : { municipalityCode: code };
};

function areaName(area: WebhookArea, geography: GeographyView | undefined, en: boolean): string {
  const pick = (x: { name: string; nameEn: string } | undefined, code: string) => (x ? (en ? x.nameEn : x.name) : code);
  if (area.prefectureCode) return pick(geography?.prefectures.find((p) => p.code === area.prefectureCode), area.prefectureCode);
  if (area.regionId) return pick(geography?.regions.find((r) => r.id === area.regionId), area.regionId);
  return pick(geography?.municipalities.find((m) => m.code === area.municipalityCode), area.municipalityCode ?? '');
}

/**
 * Webhook: the organisation's endpoints told of every vacancy change in an area (the signing secret
 * shown once, here, right after registering); a stopped endpoint shows its last error and resumes.
 */
export function WebhooksPage() {
  const { t } = useTranslation();
  usePageTitle(t('admin.webhooks.title'));
  const language = currentLanguage();
  const en = language === 'en';
  const apiError = useApiError();
  const geography = useGeography();
  const hooks = useWebhooks();
  const create = useCreateWebhook();
  const enable = useEnableWebhook();
  const remove = useDeleteWebhook();
  const [url, setUrl] = useState('');
  const [name, setName] = useState('');
  const [area, setArea] = useState('');
  const [created, setCreated] = useState<CreatedWebhookEndpoint | null>(null);

  const { errors, formError, setClientErrors } = useFormErrors(create.error);
  const areaError = errors.area ?? errors.prefectureCode ?? errors.regionId ?? errors.municipalityCode;

  const groups = useMemo(() => {
    const g = geography.data;
    if (!g) return [];
    return g.prefectures.map((p) => ({
      prefecture: p,
      regions: g.regions.filter((r) => r.prefectureCode === p.code),
      municipalities: g.municipalities.filter((m) => m.prefectureCode === p.code),
    }));
  }, [geography.data]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setCreated(null);
    const next: FieldErrors = {};
    if (!url.trim()) next.url = t('admin.webhooks.required.url');
    if (!area) next.area = t('admin.webhooks.required.area');
    setClientErrors(next);
    if (Object.keys(next).length) return;
    const body: CreateWebhookRequest = { url: url.trim(), ...toArea(area), ...(name.trim() ? { name: name.trim() } : {}) };
    create.mutate(body, {
      onSuccess: (hook) => {
        setCreated(hook);
        setUrl('');
        setName('');
      },
    });
  };

  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{t('admin.webhooks.title')}</h1>
      </header>
      <p>{t('admin.webhooks.intro')}</p>

      <form className="form card" noValidate onSubmit={onSubmit} aria-labelledby="webhook-form-title" data-testid="webhook-form">
        <h2 id="webhook-form-title">{t('admin.webhooks.registerTitle')}</h2>
        {formError ? <ErrorAlert>{formError}</ErrorAlert> : null}
        {created ? (
          <ShownOnceSecret lead={t('admin.webhooks.registered')} secret={created.secret} testId="webhook-secret" copyLabel={t('admin.webhooks.copy')} copiedLabel={t('admin.webhooks.copied')} />
        ) : null}
        <div className="form-grid">
          <TextField label={t('admin.webhooks.url')} name="url" required hint={t('admin.webhooks.urlHint')} maxLength={2000} value={url} onChange={setUrl} error={errors.url} />
          <TextField label={t('admin.webhooks.name')} name="name" hint={t('admin.webhooks.namePlaceholder')} maxLength={100} value={name} onChange={setName} error={errors.name} />
          <SelectField
            label={t('admin.webhooks.area')}
            name="area"
            required
            value={area}
            onChange={setArea}
            disabled={geography.isPending}
            error={areaError ?? (geography.error ? apiError.message(geography.error) : undefined)}
          >
            <option value="">{t('admin.webhooks.chooseArea')}</option>
            {groups.map(({ prefecture, regions, municipalities }) => (
              <optgroup key={prefecture.code} label={en ? prefecture.nameEn : prefecture.name}>
                <option value={`p:${prefecture.code}`}>{t('admin.webhooks.wholePrefecture', { name: en ? prefecture.nameEn : prefecture.name })}</option>
                {regions.map((r) => (
                  <option key={r.id} value={`r:${r.id}`}>
                    {en ? r.nameEn : r.name}
                  </option>
                ))}
                {municipalities.map((m) => (
                  <option key={m.code} value={`m:${m.code}`}>
                    {en ? m.nameEn : m.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </SelectField>
        </div>
        <button type="submit" className="button button--primary" disabled={create.isPending}>
          {t('admin.webhooks.register')}
        </button>
      </form>

      <section className="card" aria-labelledby="webhook-list-title">
        <h2 id="webhook-list-title">{t('admin.webhooks.listTitle')}</h2>
        <QueryList items={hooks.data} pending={hooks.isPending} errors={[hooks.error, enable.error, remove.error]} empty={t('admin.webhooks.empty')}>
          {(items) => (
            <DataTable
              testId="webhook-list"
              caption={t('admin.webhooks.listTitle')}
              columns={[
                t('admin.webhooks.name'),
                t('admin.webhooks.url'),
                t('admin.webhooks.area'),
                t('admin.webhooks.status'),
                t('admin.webhooks.lastError'),
                t('table.actions'),
              ]}
            >
              {items.map((h) => {
                const label = h.name || h.url;
                return (
                  <tr key={h.id}>
                    <th scope="row" className="cell-break">
                      {h.name || '—'}
                    </th>
                    <td className="cell-break">
                      <code>{h.url}</code>
                    </td>
                    <td>{areaName(h.area, geography.data, en)}</td>
                    <td>
                      <span className={`badge ${h.disabledAt ? 'badge--muted' : 'badge--ok'}`}>{h.disabledAt ? t('admin.webhooks.disabled') : t('admin.webhooks.live')}</span>
                      {h.consecutiveFailures > 0 ? <div>{t('admin.webhooks.failures', { count: h.consecutiveFailures })}</div> : null}
                      {h.lastSuccessAt ? (
                        <div>
                          {t('admin.webhooks.lastSuccess')}: {formatDateTime(h.lastSuccessAt, language)}
                        </div>
                      ) : null}
                    </td>
                    <td className="cell-break">
                      {h.lastError ? (
                        <>
                          <span data-testid="webhook-last-error">{h.lastError}</span>
                          {h.lastFailureAt ? <div>{formatDateTime(h.lastFailureAt, language)}</div> : null}
                        </>
                      ) : (
                        '—'
                      )}
                    </td>
                    <td>
                      {h.disabledAt ? (
                        <button
                          type="button"
                          className="button button--secondary"
                          aria-label={t('admin.webhooks.enableNamed', { name: label })}
                          disabled={enable.isPending && enable.variables === h.id}
                          onClick={() => enable.mutate(h.id)}
                        >
                          {t('admin.webhooks.enable')}
                        </button>
                      ) : null}{' '}
                      <button
                        type="button"
                        className="button button--danger"
                        aria-label={t('admin.webhooks.removeNamed', { name: label })}
                        disabled={remove.isPending && remove.variables === h.id}
                        onClick={() => {
                          if (window.confirm(t('admin.webhooks.confirmRemove', { name: label }))) remove.mutate(h.id);
                        }}
                      >
                        {t('admin.webhooks.remove')}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </DataTable>
          )}
        </QueryList>
      </section>
    </section>
  );
}
