import { ReportChapter, ReportSection, type AnnualReport, type ReportQuery, type ReportTextView } from '@akiwa/contracts';
import { fiscalYearLabel, fiscalYearOf, reportTables, serviceNight, type ReportTable } from '@akiwa/domain';
import { useEffect, useMemo, useState } from 'react';
import { useAnnualReport, useDownloadReport, useReportTexts, useSaveReportText } from '../../hooks/use-reports';
import { formatDateTime } from '../../lib/format';
import { usePageTitle } from '../../lib/use-page-title';
import { useSessionUser } from '../auth/session-store';
import { useReportTexts as useTexts } from './i18n';
import { MonthlyChart, TimesChart, UnmetChart } from './report-charts';
import { ReportTableView } from './report-table';
import './reports.css';

const CHAPTERS = Object.values(ReportChapter);
const SECTIONS = Object.values(ReportSection);
/** Which tables each of the guideline's five functions shows (the charts are placed by hand). */
const CHAPTER_TABLES: Record<ReportChapter, string[]> = {
  consultation: ['status'],
  emergency: ['urgency', 'needs', 'placements', 'declines_provider', 'declines_category', 'contracted'],
  trial: ['trial', 'waiting'],
  specialists: [],
  network: ['engagement'],
};

/**
 * 集計・年次検証: the year's figures as the report the 協議会 reads — the five functions of the
 * national guideline as chapters, each with its figures and the officer's own texts; downloads
 * (Excel, CSV) and an A4 print layout without the site's navigation. Coordinators see their centre.
 */
export function ReportsPage() {
  const { rt, lang } = useTexts();
  usePageTitle(rt('title'));
  const user = useSessionUser();
  // the calendar date in Japan (cutoff 0): a fiscal year turns at midnight, not at the morning's night cutoff
  const current = fiscalYearOf(serviceNight(new Date(), 0));
  const years = useMemo(() => Array.from({ length: 5 }, (_, i) => current - i), [current]);
  const [fiscalYear, setFiscalYear] = useState(current);
  const [scope, setScope] = useState<'own' | 'region'>('own');
  const q: ReportQuery = { fiscalYear, ...(scope === 'region' ? { scope: 'region' } : {}) };
  const report = useAnnualReport(q);
  const download = useDownloadReport(q);
  const officer = user?.role === 'municipal_officer';

  return (
    <section className="page report-page" aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{rt('title')}</h1>
        <p className="page-lead no-print">{rt('lead')}</p>
      </header>
      <div className="card report-controls no-print">
        <label className="field">
          <span className="field-label">{rt('year')}</span>
          <select className="input" value={fiscalYear} onChange={(e) => setFiscalYear(Number(e.target.value))} data-testid="report-year">
            {years.map((y) => (
              <option key={y} value={y}>
                {fiscalYearLabel(y)}（{y}年度）
              </option>
            ))}
          </select>
        </label>
        {officer && (
          <label className="field">
            <span className="field-label">{rt('scope')}</span>
            <select className="input" value={scope} onChange={(e) => setScope(e.target.value as 'own' | 'region')}>
              <option value="own">{rt('scopeMunicipality')}</option>
              <option value="region">{rt('scopeRegion')}</option>
            </select>
          </label>
        )}
        <div className="report-actions">
          <button type="button" className="button button--primary" disabled={download.isPending || !report.data} onClick={() => download.mutate('xlsx')}>
            {download.isPending ? rt('download.working') : rt('download.xlsx')}
          </button>
          <button type="button" className="button button--secondary" disabled={download.isPending || !report.data} onClick={() => download.mutate('csv')}>
            {rt('download.csv')}
          </button>
          <button type="button" className="button button--secondary" disabled={!report.data} onClick={() => window.print()}>
            {rt('download.print')}
          </button>
        </div>
      </div>
      {report.isPending && <p role="status">{rt('loading')}</p>}
      {report.isError && (
        <p role="alert" className="field-error">
          {rt('loadError')} {report.error.message}
        </p>
      )}
      {report.data && <ReportBody report={report.data} query={q} editable={officer ? scope === 'own' : user?.role === 'coordinator'} lang={lang} />}
    </section>
  );
}

function ReportBody({ report, query, editable, lang }: { report: AnnualReport; query: ReportQuery; editable: boolean; lang: 'ja' | 'en' }) {
  const { rt } = useTexts();
  const tables = useMemo(() => new Map(reportTables(report, lang).map((t) => [t.id, t])), [report, lang]);
  const texts = useReportTexts(query);
  const table = (id: string) => tables.get(id) as ReportTable;
  const show = (id: string) => <ReportTableView key={id} table={table(id)} threshold={report.suppressBelow} lang={lang} />;

  return (
    <article className="report" data-testid="report">
      <header className="report-title card">
        <p className="report-scope" data-testid="report-scope">
          {report.scope.name}
        </p>
        <p className="report-period" data-testid="report-period">
          {report.period.label}
        </p>
        <p className="field-hint">{rt('suppression', { threshold: report.suppressBelow })}</p>
        {!report.registrantsAvailable && <p className="field-hint">{rt('registrants')}</p>}
      </header>
      {CHAPTERS.map((chapter) => (
        <section key={chapter} className="report-chapter card" aria-labelledby={`chapter-${chapter}`} data-testid={`chapter-${chapter}`}>
          <h2 id={`chapter-${chapter}`}>{rt(`chapters.${chapter}`)}</h2>
          {chapter === 'emergency' && (
            <>
              <MonthlyChart report={report} table={table('monthly')} lang={lang} labels={{ title: rt('chart.monthly'), table: rt('chart.tableBehind') }} />
              <TimesChart report={report} table={table('times')} lang={lang} labels={{ title: rt('chart.times'), table: rt('chart.tableBehind'), median: rt('chart.median'), p90: rt('chart.p90') }} />
              <UnmetChart report={report} table={table('unmet')} lang={lang} labels={{ title: rt('chart.unmet'), table: rt('chart.tableBehind') }} />
              {report.failures.statements.length > 0 && (
                <div className="report-statements">
                  <h3>{rt('statements')}</h3>
                  <ul data-testid="unmet-statements">
                    {report.failures.statements.map((s) => (
                      <li key={s.sentence.ja}>{s.sentence[lang]}</li>
                    ))}
                  </ul>
                </div>
              )}
            </>
          )}
          {chapter === 'specialists' && <p className="field-hint">{rt('specialistsNote')}</p>}
          {CHAPTER_TABLES[chapter].map(show)}
          {texts.data && (
            <div className="report-texts">
              {SECTIONS.map((section) => {
                const text = texts.data.texts.find((x) => x.chapter === chapter && x.section === section);
                return text ? <ReportTextField key={section} query={query} text={text} editable={editable} lang={lang} /> : null;
              })}
            </div>
          )}
        </section>
      ))}
    </article>
  );
}

/** One free-text section (実績・課題・今後の方向性): a text box on screen, plain text when printed. */
function ReportTextField({ query, text, editable, lang }: { query: ReportQuery; text: ReportTextView; editable: boolean; lang: 'ja' | 'en' }) {
  const { rt } = useTexts();
  const save = useSaveReportText(query);
  const [draft, setDraft] = useState(text.body);
  useEffect(() => setDraft(text.body), [text.body, text.version]);
  const id = `text-${text.chapter}-${text.section}`;
  const conflict = save.error?.status === 409;
  return (
    <div className="report-text">
      <h3 id={`${id}-label`}>{rt(`sections.${text.section}`)}</h3>
      {editable ? (
        <form
          className="no-print"
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate({ chapter: text.chapter, section: text.section, body: { body: draft, version: text.version } });
          }}
        >
          <textarea className="input report-textarea" aria-labelledby={`${id}-label`} value={draft} rows={4} maxLength={20000} onChange={(e) => setDraft(e.target.value)} />
          <div className="report-text-actions">
            <button type="submit" className="button button--secondary" disabled={save.isPending || draft === text.body}>
              {save.isPending ? rt('saving') : rt('save')}
            </button>
            <span role="status" className="field-hint">
              {conflict ? rt('conflict') : save.isSuccess && draft === text.body ? rt('saved') : ''}
            </span>
          </div>
        </form>
      ) : null}
      <p className={editable ? 'report-text-body print-only' : 'report-text-body'}>{text.body || '—'}</p>
      {text.updatedByName && text.updatedAt && <p className="field-hint no-print">{rt('updatedBy', { name: text.updatedByName, at: formatDateTime(text.updatedAt, lang) })}</p>}
    </div>
  );
}
