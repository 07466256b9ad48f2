import type { RequestStatus } from '@akiwa/contracts';
import { useState } from 'react';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/alerts';
import { Pagination } from '../../components/pagination';
import { useApiError } from '../../hooks/use-api-error';
import { useEmergencyRequests } from '../../hooks/use-emergency-requests';
import { formatDate, formatDateTime } from '../../lib/format';
import { usePageTitle } from '../../lib/use-page-title';
import { useRequestTexts } from './i18n';
import { requestPaths } from './paths';
import { StatusBadge, UrgencyBadge, useMunicipalityName, useNeedsLine } from './request-bits';

const PAGE_SIZE = 20;
const FILTERS: readonly (RequestStatus | null)[] = [null, 'open', 'placed', 'unplaced', 'cancelled'];

/** 緊急依頼: the coordinator's open and past requests, newest first. */
export function EmergencyRequestsPage() {
  const { rt, lang } = useRequestTexts();
  usePageTitle(rt('list.title'));
  const [status, setStatus] = useState<RequestStatus | null>(null);
  const [offset, setOffset] = useState(0);
  const requests = useEmergencyRequests({ status, limit: PAGE_SIZE, offset });
  const apiError = useApiError();
  const needsLine = useNeedsLine();
  const municipalityName = useMunicipalityName();
  const items = requests.data?.items ?? [];

  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header requests-header">
        <div>
          <h1 id="page-title">{rt('list.title')}</h1>
          <p className="page-lead">{rt('list.lead')}</p>
        </div>
        <Link className="button button--primary button--big" to={requestPaths.create}>
          {rt('list.new')}
        </Link>
      </header>

      <div className="filter-chips" role="group" aria-label={rt('list.filter')}>
        {FILTERS.map((value) => (
          <button
            key={value ?? 'all'}
            type="button"
            className="button button--chip"
            aria-pressed={status === value}
            onClick={() => {
              setStatus(value);
              setOffset(0);
            }}
          >
            {value ? rt(`status.${value}`) : rt('list.all')}
          </button>
        ))}
      </div>

      {requests.error ? <ErrorAlert>{apiError.message(requests.error)}</ErrorAlert> : null}
      {requests.isPending ? (
        <p role="status">…</p>
      ) : items.length === 0 ? (
        <p className="card">{rt('list.empty')}</p>
      ) : (
        <ul className="request-list" aria-label={rt('list.caption')}>
          {items.map((item) => (
            <li key={item.id} className={`card request-row request-row--${item.status}`} data-testid="request-row" data-request-id={item.id}>
              <div className="request-row-badges">
                <StatusBadge status={item.status} />
                <UrgencyBadge urgency={item.urgency} />
                {item.status === 'open' ? <span className="badge badge--muted">{rt(`scope.${item.scope}`)}</span> : null}
              </div>
              <p className="request-row-needs">
                <Link to={requestPaths.detail(item.id)} className="request-row-link">
                  {needsLine(item.needs)}
                </Link>
              </p>
              <p className="request-row-meta">
                {municipalityName(item.municipalityCode)}・{rt('dates', { from: formatDate(item.from, lang), nights: item.nights })}
              </p>
              <p className="request-row-meta">
                <span>
                  {rt('labelled', { label: rt('list.created') })}<time dateTime={item.createdAt}>{formatDateTime(item.createdAt, lang)}</time>
                </span>
                <span>
                  {rt('labelled', { label: rt('list.offers') })}{rt('list.offersCount', { count: item.offers })}
                </span>
              </p>
            </li>
          ))}
        </ul>
      )}
      {requests.data ? (
        <Pagination total={requests.data.total} limit={PAGE_SIZE} offset={offset} onChange={setOffset} label={rt('list.pagination')} />
      ) : null}
    </section>
  );
}
