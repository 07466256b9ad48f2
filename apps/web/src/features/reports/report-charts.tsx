import type { AnnualReport, MatchScope, ReportCount, RequestOutcome } from '@akiwa/contracts';
import { LEVEL_LABELS, monthLabel, OUTCOME_LABELS, reportNeedLabel, type ReportTable } from '@akiwa/domain';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ReportTableView } from './report-table';

const OUTCOMES: RequestOutcome[] = ['placed_municipality', 'placed_region', 'placed_prefecture', 'unplaced', 'cancelled', 'open'];
const OUTCOME_COLOURS: Record<RequestOutcome, string> = {
  placed_municipality: '#1b7f4b',
  placed_region: '#4aa06f',
  placed_prefecture: '#9ccfae',
  unplaced: '#c0392b',
  cancelled: '#8c8c8c',
  open: '#e0b400',
};
const LEVELS: MatchScope[] = ['municipality', 'region', 'prefecture'];
const LEVEL_COLOURS: Record<MatchScope, string> = { municipality: '#2c5aa0', region: '#6b8fd1', prefecture: '#b3c6ea' };
// a withheld count is drawn as nothing: the table behind the chart says 「3未満」 or 「秘匿」
const v = (n: ReportCount) => (typeof n === 'number' ? n : 0);

interface ChartFigureProps {
  title: string;
  table: ReportTable;
  threshold: number;
  lang: 'ja' | 'en';
  tableLabel: string;
  testId: string;
  children: React.ReactElement;
}

/** A chart with its table behind it: the chart for the eye, the table for screen readers, print and exact figures. */
function ChartFigure({ title, table, threshold, lang, tableLabel, testId, children }: ChartFigureProps) {
  return (
    <figure className="report-figure" data-testid={testId}>
      <figcaption className="report-figure-title">{title}</figcaption>
      <div className="report-chart" role="img" aria-label={title}>
        <ResponsiveContainer width="100%" height={260}>
          {children}
        </ResponsiveContainer>
      </div>
      <ReportTableView table={table} threshold={threshold} lang={lang} caption={`${title}（${tableLabel}）`} />
    </figure>
  );
}

export function MonthlyChart({ report, table, lang, labels }: { report: AnnualReport; table: ReportTable; lang: 'ja' | 'en'; labels: { title: string; table: string } }) {
  const data = report.requests.byMonth.map((m) => ({ month: monthLabel(m.month, lang), ...Object.fromEntries(OUTCOMES.map((o) => [o, v(m.outcomes[o])])) }));
  return (
    <ChartFigure title={labels.title} table={table} threshold={report.suppressBelow} lang={lang} tableLabel={labels.table} testId="chart-monthly">
      <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="month" tick={{ fontSize: 11 }} interval={0} angle={-30} textAnchor="end" height={50} />
        <YAxis allowDecimals={false} width={32} />
        <Tooltip />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {OUTCOMES.map((o) => (
          <Bar key={o} dataKey={o} name={OUTCOME_LABELS[lang][o]} stackId="outcome" fill={OUTCOME_COLOURS[o]} isAnimationActive={false} />
        ))}
      </BarChart>
    </ChartFigure>
  );
}

export function TimesChart({ report, table, lang, labels }: { report: AnnualReport; table: ReportTable; lang: 'ja' | 'en'; labels: { title: string; table: string; median: string; p90: string } }) {
  const data = table.rows.map((row) => ({ name: String(row[0]), median: typeof row[2] === 'number' ? row[2] : 0, p90: typeof row[3] === 'number' ? row[3] : 0 }));
  return (
    <ChartFigure title={labels.title} table={table} threshold={report.suppressBelow} lang={lang} tableLabel={labels.table} testId="chart-times">
      <BarChart data={data} layout="vertical" margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" horizontal={false} />
        <XAxis type="number" />
        <YAxis type="category" dataKey="name" width={150} tick={{ fontSize: 11 }} />
        <Tooltip />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        <Bar dataKey="median" name={labels.median} fill="#2c5aa0" isAnimationActive={false} />
        <Bar dataKey="p90" name={labels.p90} fill="#b3c6ea" isAnimationActive={false} />
      </BarChart>
    </ChartFigure>
  );
}

export function UnmetChart({ report, table, lang, labels }: { report: AnnualReport; table: ReportTable; lang: 'ja' | 'en'; labels: { title: string; table: string } }) {
  const data = report.failures.unmetByNeed.map((u) => ({ need: reportNeedLabel(u.need, lang), ...Object.fromEntries(LEVELS.map((l) => [l, v(u.levels[l])])) }));
  return (
    <ChartFigure title={labels.title} table={table} threshold={report.suppressBelow} lang={lang} tableLabel={labels.table} testId="chart-unmet">
      <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="need" tick={{ fontSize: 11 }} interval={0} />
        <YAxis allowDecimals={false} width={32} />
        <Tooltip />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {LEVELS.map((l) => (
          <Bar key={l} dataKey={l} name={LEVEL_LABELS[lang][l]} fill={LEVEL_COLOURS[l]} isAnimationActive={false} />
        ))}
      </BarChart>
    </ChartFigure>
  );
}
