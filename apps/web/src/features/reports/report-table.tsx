import { formatCell, type ReportTable } from '@akiwa/domain';

/** One report table as the page shows it; withheld counts read 「3未満」 or 「秘匿」. Scrolls sideways on a phone. */
export function ReportTableView({ table, threshold, lang, caption }: { table: ReportTable; threshold: number; lang: 'ja' | 'en'; caption?: string }) {
  return (
    <div className="table-scroll">
      <table className="table report-table" data-testid={`report-table-${table.id}`}>
        <caption className="report-table-caption">{caption ?? table.title}</caption>
        <thead>
          <tr>
            {table.headers.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, i) => (
            <tr key={i}>
              {row.map((cell, j) =>
                j === 0 ? (
                  <th key={j} scope="row">
                    {formatCell(cell, threshold, lang)}
                  </th>
                ) : (
                  <td key={j} className={typeof cell === 'number' ? 'numeric' : undefined}>
                    {formatCell(cell, threshold, lang)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
