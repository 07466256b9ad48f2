import { Link } from 'react-router';
import { ErrorAlert } from '../../components/alerts';
import { useMarkSeen } from '../../hooks/use-alerts';
import { useApiError } from '../../hooks/use-api-error';
import { Paths } from '../layout/navigation';
import { dismissBanner, useBanners, type AlertBannerItem } from './alert-store';
import { useAlertText } from './messages';

/** The anchor of one request in the provider's inbox (the banner's one-tap link). */
export const inboxItemPath = (requestId: string) => `${Paths.provider.inbox}#request-${encodeURIComponent(requestId)}`;

/** On every page, over the content: one banner per request that arrived live, until seen or dismissed. */
export function AlertBanners({ organisationId }: { organisationId: string }) {
  const banners = useBanners();
  if (!banners.length) return null;
  return (
    <div className="alert-banners" aria-label="alerts">
      {banners.map((banner) => (
        <AlertBanner key={banner.requestId} banner={banner} organisationId={organisationId} />
      ))}
    </div>
  );
}

function AlertBanner({ banner, organisationId }: { banner: AlertBannerItem; organisationId: string }) {
  const text = useAlertText();
  const seen = useMarkSeen(organisationId);
  const apiError = useApiError();
  return (
    <div className="alert-banner" role="alert" data-testid="alert-banner" data-request-id={banner.requestId}>
      <p className="alert-banner-title">{text.bannerTitle}</p>
      <p className="alert-banner-text" data-testid="alert-banner-text">
        {banner.text}
      </p>
      {seen.error ? <ErrorAlert>{apiError.message(seen.error)}</ErrorAlert> : null}
      <div className="button-row">
        <button
          type="button"
          className="button button--primary"
          disabled={seen.isPending}
          onClick={() => seen.mutate({ requestId: banner.requestId }, { onSuccess: () => dismissBanner(banner.requestId) })}
        >
          {text.seen}
        </button>
        <Link className="button button--secondary" to={inboxItemPath(banner.requestId)} onClick={() => dismissBanner(banner.requestId)}>
          {text.open}
        </Link>
        <button type="button" className="button button--link" onClick={() => dismissBanner(banner.requestId)}>
          {text.dismiss}
        </button>
      </div>
    </div>
  );
}
