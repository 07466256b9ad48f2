import { RiskFlag, Urgency, type LedgerSearchQuery } from '@akiwa/contracts';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/alerts';
import { DataTable } from '../../components/data-table';
import { Checkbox, SelectField, TextField } from '../../components/form-field';
import { useApiError } from '../../hooks/use-api-error';
import { useExportLedgerCsv, useImportLedgerCsv, useLedgerSearch } from '../../hooks/use-ledger';
import { usePageTitle } from '../../lib/use-page-title';
import { Paths } from '../layout/navigation';
import { ImportForm } from '../vacancies/csv-tools';
import { useLedgerTexts } from './i18n';
import { MunicipalitySelect, useMunicipalityName } from './municipality-select';
import './ledger.css';

interface Filters {
  name: string;
  birthDate: string;
  municipalityCode: string;
  riskFlag: string;
  urgencyTier: string;
  reviewOverdue: boolean;
}
const EMPTY: Filters = { name: '', birthDate: '', municipalityCode: '', riskFlag: '', urgencyTier: '', reviewOverdue: false };

function toQuery(f: Filters): LedgerSearchQuery {
  return {
    ...(f.name.trim() ? { name: f.name.trim() } : {}),
    ...(f.birthDate ? { birthDate: f.birthDate } : {}),
    ...(f.municipalityCode ? { municipalityCode: f.municipalityCode } : {}),
    ...(f.riskFlag ? { riskFlag: f.riskFlag as RiskFlag } : {}),
    ...(f.urgencyTier ? { urgencyTier: f.urgencyTier as Urgency } : {}),
    ...(f.reviewOverdue ? { reviewOverdue: true } : {}),
  };
}

/** 登録者台帳: search (kana-tolerant, over the API's blind index), filters, overdue reviews, CSV. */
export function LedgerPage() {
  const { lt } = useLedgerTexts();
  usePageTitle(lt('list.title'));
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [applied, setApplied] = useState<Filters>(EMPTY);
  const result = useLedgerSearch(toQuery(applied));
  const apiError = useApiError();
  const importCsv = useImportLedgerCsv();
  const exportCsv = useExportLedgerCsv();
  const municipalityName = useMunicipalityName();
  const set = <K extends keyof Filters>(k: K, v: Filters[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setApplied(draft);
  };
  const rows = result.data ?? [];
  // the reviews due (care-plan monitoring) are always in view, whatever is searched
  const overdue = useLedgerSearch({ reviewOverdue: true });

  return (
    <section className="page ledger-page" aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{lt('list.title')}</h1>
        <p className="page-lead">{lt('list.lead')}</p>
        <p>
          <Link className="button button--primary" to={Paths.coordinator.newRegistration}>
            {lt('list.new')}
          </Link>
        </p>
      </header>

      {overdue.data?.length ? (
        <section className="card ledger-overdue" aria-labelledby="overdue-title" data-testid="overdue-reviews">
          <h2 id="overdue-title">{lt('list.overdueTitle', { count: overdue.data.length })}</h2>
          <ul>
            {overdue.data.map((r) => (
              <li key={r.id}>
                <Link to={Paths.coordinator.registration(r.id)}>{r.name}</Link> <span className="field-hint">{lt('list.reviewDue', { date: r.nextReviewOn })}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <form className="card form ledger-search" role="search" onSubmit={onSubmit}>
        <div className="form-grid">
          <TextField label={lt('list.name')} name="name" value={draft.name} hint={lt('list.nameHint')} autoComplete="off" onChange={(v) => set('name', v)} />
          <TextField label={lt('list.birthDate')} name="birthDate" type="date" value={draft.birthDate} onChange={(v) => set('birthDate', v)} />
          <MunicipalitySelect label={lt('list.municipality')} name="municipalityCode" value={draft.municipalityCode} empty={lt('list.any')} onChange={(v) => set('municipalityCode', v)} />
          <SelectField label={lt('list.riskFlag')} name="riskFlag" value={draft.riskFlag} onChange={(v) => set('riskFlag', v)}>
            <option value="">{lt('list.any')}</option>
            {Object.values(RiskFlag).map((k) => (
              <option key={k} value={k}>
                {lt(`riskFlag.${k}`)}
              </option>
            ))}
          </SelectField>
          <SelectField label={lt('list.urgencyTier')} name="urgencyTier" value={draft.urgencyTier} onChange={(v) => set('urgencyTier', v)}>
            <option value="">{lt('list.any')}</option>
            {Object.values(Urgency).map((k) => (
              <option key={k} value={k}>
                {lt(`urgency.${k}`)}
              </option>
            ))}
          </SelectField>
        </div>
        <Checkbox label={lt('list.overdue')} name="reviewOverdue" checked={draft.reviewOverdue} onChange={(v) => set('reviewOverdue', v)} />
        <button type="submit" className="button button--primary">
          {lt('list.search')}
        </button>
      </form>

      {result.error ? <ErrorAlert>{apiError.message(result.error)}</ErrorAlert> : null}
      <div className="card">
        {rows.length === 0 && !result.isPending ? <p>{lt('list.empty')}</p> : null}
        {rows.length ? (
          <DataTable
            testId="ledger-results"
            className="ledger-table"
            caption={lt('list.caption')}
            columns={[lt('list.nameCol'), lt('list.birthDate'), lt('list.municipality'), lt('list.urgencyTier'), lt('list.riskFlag'), lt('list.review')]}
          >
            {rows.map((r) => (
              <tr key={r.id}>
                <th scope="row">
                  <Link to={Paths.coordinator.registration(r.id)}>{r.name}</Link>
                  <span className="ledger-kana">{r.nameKana}</span>
                </th>
                <td>{r.birthDate}</td>
                <td>{municipalityName(r.municipalityCode)}</td>
                <td>
                  <span className={`badge badge--${r.urgencyTier}`}>{lt(`urgency.${r.urgencyTier}`)}</span>
                </td>
                <td>{r.riskFlags.map((f) => lt(`riskFlag.${f}`)).join('・')}</td>
                <td>
                  {r.nextReviewOn ?? '—'} {r.reviewOverdue ? <span className="badge badge--overdue">{lt('list.overdueBadge')}</span> : null}
                </td>
              </tr>
            ))}
          </DataTable>
        ) : null}
        {rows.length >= 50 ? <p className="field-hint">{lt('list.limited')}</p> : null}
      </div>

      <section className="card" aria-labelledby="ledger-csv-title">
        <h2 id="ledger-csv-title">{lt('list.csvTitle')}</h2>
        <p className="field-hint">{lt('list.csvLead')}</p>
        <div className="button-row">
          <button type="button" className="button button--secondary" disabled={exportCsv.isPending} onClick={() => exportCsv.mutate(applied.municipalityCode || undefined)}>
            {lt('list.export')}
          </button>
        </div>
        {exportCsv.error ? <ErrorAlert>{apiError.message(exportCsv.error)}</ErrorAlert> : null}
        <ImportForm label={lt('list.import')} mutation={importCsv} />
      </section>
    </section>
  );
}
