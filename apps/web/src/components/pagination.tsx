import { useTranslation } from 'react-i18next';

interface PaginationProps {
  /** undefined until the list has loaded: no pagination then, as with no items. */
  total: number | undefined;
  limit: number;
  offset: number;
  onChange: (offset: number) => void;
  label: string;
}

export function Pagination({ total, limit, offset, onChange, label }: PaginationProps) {
  const { t } = useTranslation();
  if (!total) return null;
  const from = offset + 1;
  const to = Math.min(offset + limit, total);
  return (
    <nav className="pagination" aria-label={label}>
      <p className="pagination-range">{t('table.range', { from, to, total })}</p>
      <div className="pagination-buttons">
        <button
          type="button"
          className="button button--secondary"
          disabled={offset === 0}
          onClick={() => onChange(Math.max(0, offset - limit))}
        >
          {t('table.previous')}
        </button>
        <button
          type="button"
          className="button button--secondary"
          disabled={offset + limit >= total}
          onClick={() => onChange(offset + limit)}
        >
          {t('table.next')}
        </button>
      </div>
    </nav>
  );
}
