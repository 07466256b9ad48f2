import type { CsvImportReport } from '@akiwa/contracts';
import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { UseMutationResult } from '@tanstack/react-query';
import type { ApiError } from '../../api/client';
import { ErrorAlert, SuccessNotice } from '../../components/alerts';
import { DataTable } from '../../components/data-table';
import { useApiError } from '../../hooks/use-api-error';
import { useExportUnitsCsv, useImportUnitsCsv } from '../../hooks/use-units';
import { useExportVacanciesCsv, useImportVacanciesCsv } from '../../hooks/use-vacancies';
import { currentLanguage } from '../../lib/i18n';
import { providerWindow } from './vacancy-window';

/** The per-row errors of a refused import: 行 / 項目 / 内容. */
export function CsvReportTable({ report }: { report: CsvImportReport }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  return (
    <DataTable
      testId="csv-report"
      className="csv-report"
      caption={t('csv.reportCaption')}
      columns={[t('csv.row'), t('csv.field'), t('csv.message')]}
    >
      {report.errors.map((error, index) => (
        <tr key={`${error.row}-${error.field}-${index}`}>
          <th scope="row">
            <span className="cell-label" aria-hidden="true">
              {t('csv.row')}{' '}
            </span>
            {error.row}
          </th>
          <td>
            <span className="cell-label" aria-hidden="true">
              {t('csv.field')}{' '}
            </span>
            {error.field}
          </td>
          <td>{error.message[language]}</td>
        </tr>
      ))}
    </DataTable>
  );
}

interface ImportFormProps {
  label: string;
  mutation: UseMutationResult<CsvImportReport, ApiError, File>;
}

export function ImportForm({ label, mutation }: ImportFormProps) {
  const { t } = useTranslation();
  const apiError = useApiError();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [missing, setMissing] = useState(false);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const file = input.current?.files?.[0];
    setMissing(!file);
    if (!file) return input.current?.focus();
    mutation.mutate(file);
  };

  const report = mutation.data;
  return (
    <form className="csv-import" noValidate onSubmit={onSubmit}>
      <div className={`field${missing ? ' field--invalid' : ''}`}>
        <label className="field-label" htmlFor={`${id}-file`}>
          {label}：{t('csv.file')}
        </label>
        <input
          ref={input}
          id={`${id}-file`}
          type="file"
          accept=".csv,text/csv"
          className="input file-input"
          aria-describedby={missing ? `${id}-error` : undefined}
          aria-invalid={missing || undefined}
        />
        {missing ? (
          <p className="field-error" id={`${id}-error`} role="alert">
            {t('csv.chooseFile')}
          </p>
        ) : null}
      </div>
      <button type="submit" className="button button--secondary" disabled={mutation.isPending}>
        {mutation.isPending ? t('csv.importing') : label}
      </button>
      {mutation.error ? <ErrorAlert>{apiError.message(mutation.error)}</ErrorAlert> : null}
      {report?.ok ? <SuccessNotice>{t('csv.imported', { count: report.written })}</SuccessNotice> : null}
      {report && !report.ok ? (
        <>
          <ErrorAlert>{t('csv.failed')}</ErrorAlert>
          <CsvReportTable report={report} />
        </>
      ) : null}
    </form>
  );
}

export function CsvTools({ today }: { today: string }) {
  const { t } = useTranslation();
  const apiError = useApiError();
  const exportUnits = useExportUnitsCsv();
  const exportVacancies = useExportVacanciesCsv();
  const importUnits = useImportUnitsCsv();
  const importVacancies = useImportVacanciesCsv();
  const exportError = exportUnits.error ?? exportVacancies.error;
  return (
    <section className="card csv-tools" aria-labelledby="csv-title">
      <h2 id="csv-title">{t('csv.title')}</h2>
      <p className="field-hint">{t('csv.lead')}</p>
      <div className="button-row">
        <button type="button" className="button button--secondary" disabled={exportUnits.isPending} onClick={() => exportUnits.mutate()}>
          {t('csv.exportUnits')}
        </button>
        <button
          type="button"
          className="button button--secondary"
          disabled={exportVacancies.isPending}
          onClick={() => exportVacancies.mutate(providerWindow(today))}
        >
          {t('csv.exportVacancies')}
        </button>
      </div>
      {exportError ? <ErrorAlert>{apiError.message(exportError)}</ErrorAlert> : null}
      <div className="csv-imports">
        <ImportForm label={t('csv.importUnits')} mutation={importUnits} />
        <ImportForm label={t('csv.importVacancies')} mutation={importVacancies} />
      </div>
    </section>
  );
}
