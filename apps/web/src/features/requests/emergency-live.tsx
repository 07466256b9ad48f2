import { Role, type InboxItem, type RequestUnplacedEvent } from '@akiwa/contracts';
import { requestAlertText, serviceNight } from '@akiwa/domain';
import { useCallback, useState } from 'react';
import { Link } from 'react-router';
import { reportDelivered, useReceiptsLive } from '../../hooks/use-alerts';
import { useEmergencyRequestsLive } from '../../hooks/use-emergency-live';
import { useInbox } from '../../hooks/use-inbox';
import { useInboxLive } from '../../hooks/use-inbox-live';
import { inboxItemPath } from '../alerts/alert-banners';
import { showBanner } from '../alerts/alert-store';
import { useSessionUser } from '../auth/session-store';
import { Paths } from '../layout/navigation';
import { useRequestTexts } from './i18n';
import { markFresh, playAlert } from './inbox-alerts';
import { requestPaths } from './paths';
import { useMunicipalityName } from './request-bits';

/**
 * Mounted once in the app layout: keeps the emergency-request caches live on every page (not only
 * on the request screens), so that a provider hears a new request wherever they are and a
 * coordinator sees an unplaced request at once.
 */
export function EmergencyLive() {
  const user = useSessionUser();
  if (user.role === Role.ProviderStaff) return <ProviderLive organisationId={user.organisation.id} />;
  if (user.role === Role.Coordinator) return <CoordinatorLive />;
  return null;
}

function ProviderLive({ organisationId }: { organisationId: string }) {
  const { rt } = useRequestTexts();
  const municipalityName = useMunicipalityName();
  const [announcement, setAnnouncement] = useState('');
  const onReceived = useCallback(
    (item: InboxItem) => {
      markFresh(item.requestId);
      showBanner({
        key: item.requestId,
        url: inboxItemPath(item.requestId),
        seenRequestId: item.requestId,
        text: requestAlertText({ ...item.needs, municipalityName: municipalityName(item.municipalityCode), urgency: item.urgency, from: item.from, nights: item.nights }, serviceNight(new Date())),
      });
      reportDelivered(item.requestId, 'in_app');
      playAlert();
      // Changing text makes screen readers speak it again for a second request.
      setAnnouncement((previous) => (previous === rt('live.received') ? `${rt('live.received')}。` : rt('live.received')));
    },
    [rt, municipalityName],
  );
  useInboxLive(organisationId, onReceived);
  return (
    <div className="visually-hidden" role="status" aria-live="polite">
      {announcement}
    </div>
  );
}

function CoordinatorLive() {
  const { rt } = useRequestTexts();
  useReceiptsLive();
  const [unplaced, setUnplaced] = useState<RequestUnplacedEvent[]>([]);
  useEmergencyRequestsLive(
    useCallback((event: RequestUnplacedEvent) => {
      setUnplaced((list) => [...list.filter((e) => e.requestId !== event.requestId), event]);
    }, []),
  );
  if (!unplaced.length) return null;
  return (
    <div className="unplaced-alerts">
      {unplaced.map((event) => (
        <div key={event.requestId} className="unplaced-alert" role="alert" data-testid="unplaced-alert" data-request-id={event.requestId}>
          <p className="unplaced-alert-title">{rt('unplacedAlert.title')}</p>
          <p>{rt('unplacedAlert.body')}</p>
          <div className="button-row">
            <Link
              className="button button--primary"
              to={requestPaths.detail(event.requestId)}
              onClick={() => setUnplaced((list) => list.filter((e) => e.requestId !== event.requestId))}
            >
              {rt('unplacedAlert.open')}
            </Link>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => setUnplaced((list) => list.filter((e) => e.requestId !== event.requestId))}
            >
              {rt('unplacedAlert.dismiss')}
            </button>
          </div>
        </div>
      ))}
    </div>
  );
}

/** The inbox item's count badge in the navigation: requests still waiting for this provider's answer. */
export function NavBadge({ to }: { to: string }) {
  const user = useSessionUser();
  if (to !== Paths.provider.inbox || user.role !== Role.ProviderStaff) return null;
  return <InboxCountBadge organisationId={user.organisation.id} />;
}

function InboxCountBadge({ organisationId }: { organisationId: string }) {
  const { rt } = useRequestTexts();
  const inbox = useInbox(organisationId);
  const waiting = (inbox.data ?? []).filter((item) => item.status === 'open' && !item.response).length;
  if (!waiting) return null;
  return (
    <span className="nav-count" data-testid="inbox-count" data-count={waiting}>
      <span aria-hidden="true">{waiting}</span>
      <span className="visually-hidden">{rt('live.badge', { count: waiting })}</span>
    </span>
  );
}
