import type { ReactNode } from 'react';

interface DataTableProps {
  /** The header cells, in order (each a column header). */
  columns: readonly ReactNode[];
  /** Read by screen readers only: the table's name. */
  caption?: string;
  /** Classes besides `table`. */
  className?: string;
  testId?: string;
  /** The rows. */
  children: ReactNode;
}

/** A table in a box that scrolls sideways on a phone, with a hidden caption and column headers. */
export function DataTable({ columns, caption, className, testId, children }: DataTableProps) {
  return (
    <div className="table-scroll">
      <table className={className ? `table ${className}` : 'table'} data-testid={testId}>
        {caption ? <caption className="visually-hidden">{caption}</caption> : null}
        <thead>
          <tr>
            {columns.map((column, i) => (
              // the columns are fixed for a table: their place is their identity
              <th key={i} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
