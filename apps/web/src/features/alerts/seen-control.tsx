import type { InboxItem } from '@akiwa/contracts';
import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router';
import { ErrorAlert } from '../../components/alerts';
import { useMarkSeen } from '../../hooks/use-alerts';
import { useApiError } from '../../hooks/use-api-error';
import { formatDateTime } from '../../lib/format';
import { currentLanguage } from '../../lib/i18n';
import { dismissRequestBanners } from './alert-store';
import { useAlertTexts } from './i18n';

/**
 * 確認しました on an inbox item, apart from accepting or declining: tells the coordinator that someone
 * has read it. Once given, shows who and when. Also scrolls the item into view when the banner's link
 * (`#request-…`) led here.
 */
export function SeenControl({ item, organisationId, open }: { item: InboxItem; organisationId: string; open: boolean }) {
  const { alt } = useAlertTexts();
  const seen = useMarkSeen(organisationId);
  const apiError = useApiError();
  const location = useLocation();
  const self = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (location.hash === `#request-${encodeURIComponent(item.requestId)}`) self.current?.closest('li')?.scrollIntoView({ block: 'start' });
  }, [location.hash, item.requestId]);

  if (item.seen) {
    return (
      <div ref={self} className="seen-state" data-testid="seen-state">
        <span className="badge badge--seen">{alt('seenDone')}</span> {alt('seenBy', { name: item.seen.by, time: formatDateTime(item.seen.at, currentLanguage()) })}
      </div>
    );
  }
  if (!open) return <div ref={self} />;
  return (
    <div ref={self} className="seen-control">
      {seen.error ? <ErrorAlert>{apiError.message(seen.error)}</ErrorAlert> : null}
      <button
        type="button"
        className="button button--secondary"
        disabled={seen.isPending}
        onClick={() => seen.mutate({ requestId: item.requestId }, { onSuccess: () => dismissRequestBanners(item.requestId) })}
      >
        {alt('seen')}
      </button>
    </div>
  );
}
