import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiErrorAlerts } from './alerts';

interface QueryListProps<T> {
  /** The loaded items; undefined until the query has answered (or when it failed). */
  items: readonly T[] | undefined;
  pending: boolean;
  /** Each shown as an alert, in this order: the query's own error, then those of the list's actions. */
  errors: readonly unknown[];
  /** The text in place of an empty list. */
  empty: string;
  /** The list itself, drawn only when there are items. */
  children: (items: readonly T[]) => ReactNode;
}

/** A fetched list in one of its states: failed, loading, empty, or its items. */
export function QueryList<T>({ items, pending, errors, empty, children }: QueryListProps<T>) {
  const { t } = useTranslation();
  return (
    <>
      <ApiErrorAlerts errors={errors} />
      {pending ? <p role="status">{t('app.loading')}</p> : null}
      {items && items.length === 0 ? <p>{empty}</p> : null}
      {items && items.length > 0 ? children(items) : null}
    </>
  );
}
