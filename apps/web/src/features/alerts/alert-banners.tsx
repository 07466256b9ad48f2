import type { AlertNotification } from '@akiwa/contracts';
import { Role } from '@akiwa/contracts';
import { useCallback } from 'react';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/alerts';
import { useAcknowledgeUrgentContact, useAlertNotifications, useMarkSeen } from '../../hooks/use-alerts';
import { useApiError } from '../../hooks/use-api-error';
import { useSessionUser } from '../auth/session-store';
import { Paths } from '../layout/navigation';
import { playAlert } from '../requests/inbox-alerts';
import { dismissBanner, dismissRequestBanners, showBanner, useBanners, type AlertBannerItem } from './alert-store';
import { useAlertTexts } from './i18n';

/** The anchor of one request in the provider's inbox (the banner's one-tap link). */
export const inboxItemPath = (requestId: string) => `${Paths.provider.inbox}#request-${encodeURIComponent(requestId)}`;

/**
 * Mounted once in the layout, on every page: banners for requests that arrived live and for alerts
 * addressed to me (escalations), until seen or dismissed.
 */
export function AlertBanners() {
  const user = useSessionUser();
  const banners = useBanners();
  const provider = user.role === Role.ProviderStaff;
  useAlertNotifications(
    useCallback(
      (n: AlertNotification) => {
        showBanner({ key: `n-${n.id}`, text: n.text, url: n.url, seenRequestId: provider && n.requestId ? n.requestId : undefined, contactId: n.contactId ?? undefined });
        playAlert();
      },
      [provider],
    ),
  );
  if (!banners.length) return null;
  return (
    <div className="alert-banners">
      {banners.map((banner) => (
        <AlertBanner key={banner.key} banner={banner} organisationId={user.organisation.id} />
      ))}
    </div>
  );
}

function AlertBanner({ banner, organisationId }: { banner: AlertBannerItem; organisationId: string }) {
  const { alt } = useAlertTexts();
  const seen = useMarkSeen(organisationId);
  const ack = useAcknowledgeUrgentContact();
  const apiError = useApiError();
  const requestId = banner.seenRequestId;
  const contactId = banner.contactId;
  return (
    <div className="alert-banner" role="alert" data-testid="alert-banner" data-key={banner.key} data-request-id={requestId}>
      <p className="alert-banner-title">{alt('bannerTitle')}</p>
      <p className="alert-banner-text" data-testid="alert-banner-text">
        {banner.text}
      </p>
      {seen.error || ack.error ? <ErrorAlert>{apiError.message((seen.error ?? ack.error)!)}</ErrorAlert> : null}
      <div className="button-row">
        {requestId ? (
          <button type="button" className="button button--primary" disabled={seen.isPending} onClick={() => seen.mutate({ requestId }, { onSuccess: () => dismissRequestBanners(requestId) })}>
            {alt('seen')}
          </button>
        ) : null}
        {contactId ? (
          <button type="button" className="button button--primary" disabled={ack.isPending} onClick={() => ack.mutate({ id: contactId }, { onSuccess: () => dismissBanner(banner.key) })}>
            {alt('seen')}
          </button>
        ) : null}
        <Link className="button button--secondary" to={banner.url} onClick={() => dismissBanner(banner.key)}>
          {alt('open')}
        </Link>
        <button type="button" className="button button--link" onClick={() => dismissBanner(banner.key)}>
          {alt('dismiss')}
        </button>
      </div>
    </div>
  );
}
