import type { Page } from '@akiwa/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { ErrorAlert } from '../../components/alerts';
import { SelectField, TextField } from '../../components/form-field';
import { Pagination } from '../../components/pagination';
import { QueryList } from '../../components/query-list';
import { downloadAuditCsv } from '../../api/audit';
import { QueryKeys, type AuditScope } from '../../api/query-keys';
import { useApiError } from '../../hooks/use-api-error';
import { useAudit, useAuditIntegrity, useMunicipalAudit } from '../../hooks/use-audit';
import { useOrganisations } from '../../hooks/use-organisations';
import { saveDownload } from '../../lib/download';
import { usePageTitle } from '../../lib/use-page-title';
import { useAuditTexts } from './i18n';
import './audit.css';

const PAGE_SIZE = 50;

const EMPTY: Omit<AuditScope, 'limit' | 'offset'> = { action: null, subjectType: null, subjectId: null, userId: null, organisationId: null, from: null, to: null };

const when = (iso: string) => new Date(iso).toLocaleString('ja-JP', { timeZone: 'Asia/Tokyo' });

/** The verification state of the audit chain: a break is an alert every admin sees here. */
export function AuditIntegrityBanner() {
  const { at } = useAuditTexts();
  const integrity = useAuditIntegrity();
  const s = integrity.data;
  if (!s) return null;
  if (s.status === 'broken') {
    return (
      <div role="alert" className="alert alert--error" data-testid="audit-integrity" data-status="broken">
        {at('integrity.broken', { id: s.brokenAt, reason: s.reason })}
      </div>
    );
  }
  return (
    <p className="audit-integrity" data-testid="audit-integrity" data-status={s.status}>
      {s.status === 'ok' ? at('integrity.ok', { rows: s.rows, at: s.checkedAt ? when(s.checkedAt) : '' }) : at(`integrity.${s.status}`)}
    </p>
  );
}

/** Admins only (the organisation list is an admin route). */
function OrganisationFilter({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const { at } = useAuditTexts();
  const organisations = useOrganisations({ limit: 100, offset: 0 });
  return (
    <SelectField label={at('organisation')} name="organisationId" value={value} onChange={onChange}>
      <option value="">{at('allOrganisations')}</option>
      {(organisations.data?.items ?? []).map((o) => (
        <option key={o.id} value={o.id}>
          {o.name}
        </option>
      ))}
    </SelectField>
  );
}

function Filters({ value, onChange, admin }: { value: typeof EMPTY; onChange: (v: typeof EMPTY) => void; admin: boolean }) {
  const { at } = useAuditTexts();
  const set = (k: keyof typeof EMPTY) => (v: string) => onChange({ ...value, [k]: v || null });
  return (
    <fieldset className="filter-bar audit-filters">
      <legend>{at('filters')}</legend>
      <TextField label={at('action')} name="action" value={value.action ?? ''} onChange={set('action')} hint={at('actionHint')} />
      <TextField label={at('subjectType')} name="subjectType" value={value.subjectType ?? ''} onChange={set('subjectType')} />
      {admin ? (
        <>
          <TextField label={at('subjectId')} name="subjectId" value={value.subjectId ?? ''} onChange={set('subjectId')} />
          <TextField label={at('userId')} name="userId" value={value.userId ?? ''} onChange={set('userId')} />
          <OrganisationFilter value={value.organisationId ?? ''} onChange={set('organisationId')} />
        </>
      ) : null}
      <TextField label={at('from')} name="from" type="date" value={value.from ?? ''} onChange={set('from')} />
      <TextField label={at('to')} name="to" type="date" value={value.to ?? ''} onChange={set('to')} />
    </fieldset>
  );
}

/** The filter and the page shown; a new filter starts again from the first page. */
function useFilteredPages() {
  const [filter, setFilter] = useState(EMPTY);
  const [offset, setOffset] = useState(0);
  const changeFilter = (next: typeof EMPTY) => {
    setFilter(next);
    setOffset(0);
  };
  return { filter, changeFilter, offset, setOffset };
}

interface AuditEntryListProps<E> {
  entries: { data?: Page<E>; isPending: boolean; error: unknown };
  label: string;
  offset: number;
  onOffset: (offset: number) => void;
  /** What an entry says below its time and action. */
  body: (entry: E) => ReactNode;
}

/** One page of entries, each headed by its time and action, with the pages below. */
function AuditEntryList<E extends { id: string; at: string; action: string }>({ entries, label, offset, onOffset, body }: AuditEntryListProps<E>) {
  const { at } = useAuditTexts();
  return (
    <>
      <QueryList items={entries.data?.items} pending={entries.isPending} errors={[entries.error]} empty={at('empty')}>
        {(items) => (
          <ul className="audit-list" aria-label={label}>
            {items.map((e) => (
              <li key={e.id} className="audit-entry" data-testid="audit-entry" data-action={e.action}>
                <p className="audit-entry-head">
                  <time dateTime={e.at}>{when(e.at)}</time> <strong>{e.action}</strong>
                </p>
                {body(e)}
              </li>
            ))}
          </ul>
        )}
      </QueryList>
      <Pagination label={label} total={entries.data?.total} limit={PAGE_SIZE} offset={offset} onChange={onOffset} />
    </>
  );
}

/** Admins: every entry, filtered by person/subject, user, organisation, action and period; CSV export. */
export function AuditPage() {
  const { at } = useAuditTexts();
  usePageTitle(at('title'));
  const apiError = useApiError();
  const { filter, changeFilter, offset, setOffset } = useFilteredPages();
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<unknown>(null);
  const scope: AuditScope = { ...filter, limit: PAGE_SIZE, offset };
  const entries = useAudit(scope);
  const queryClient = useQueryClient();
  const exportCsv = async () => {
    setExporting(true);
    setExportError(null);
    try {
      saveDownload(await downloadAuditCsv(scope), 'audit.csv');
      // the export is itself an entry of the log
      await queryClient.invalidateQueries({ queryKey: QueryKeys.audit.all() });
    } catch (e) {
      setExportError(e);
    } finally {
      setExporting(false);
    }
  };
  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{at('title')}</h1>
        <button type="button" className="button button--secondary" onClick={exportCsv} disabled={exporting}>
          {exporting ? at('exporting') : at('exportCsv')}
        </button>
      </header>
      <AuditIntegrityBanner />
      {exportError ? <ErrorAlert>{apiError.message(exportError)}</ErrorAlert> : null}
      <Filters admin value={filter} onChange={changeFilter} />
      <AuditEntryList
        entries={entries}
        label={at('title')}
        offset={offset}
        onOffset={setOffset}
        body={(e) => (
          <>
            <p>
              {at('actor')}: {e.actorName ?? at('system')}
              {e.actorOrganisationName ? `（${e.actorOrganisationName}）` : ''}
            </p>
            <p className="cell-break">
              {at('subject')}: {e.subjectType} {e.subjectId}
            </p>
            {Object.keys(e.detail).length ? <p className="audit-detail cell-break">{JSON.stringify(e.detail)}</p> : null}
          </>
        )}
      />
    </section>
  );
}

/** A municipal officer: their municipality's entries, no personal data. */
export function MunicipalAuditPage() {
  const { at } = useAuditTexts();
  usePageTitle(at('municipalTitle'));
  const { filter, changeFilter, offset, setOffset } = useFilteredPages();
  const entries = useMunicipalAudit({ ...filter, subjectId: null, userId: null, organisationId: null, limit: PAGE_SIZE, offset });
  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{at('municipalTitle')}</h1>
      </header>
      <p>{at('municipalIntro')}</p>
      <Filters admin={false} value={filter} onChange={changeFilter} />
      <AuditEntryList
        entries={entries}
        label={at('municipalTitle')}
        offset={offset}
        onOffset={setOffset}
        body={(e) => (
          <p>
            {e.actorOrganisationName ?? at('system')} — {e.subjectType}
          </p>
        )}
      />
    </section>
  );
}
