import { Role } from '@akiwa/contracts';
import './alerts.css';
import { Link } from 'react-router';
import { useInbox } from '../../hooks/use-inbox';
import { useSessionUser } from '../auth/session-store';
import { Paths } from '../layout/navigation';
import { enableSound, setMuted, useMuted, useSoundReady, useSoundsPlayed } from '../requests/inbox-alerts';
import { useAlertTexts } from './i18n';

/**
 * Always in the header, never behind the menu: the count of requests waiting for this provider's
 * answer (a link to the inbox) and the 「音を鳴らす」 switch.
 */
export function HeaderAlerts() {
  const user = useSessionUser();
  if (user.role !== Role.ProviderStaff) return null;
  return (
    <div className="header-alerts">
      <HeaderCount organisationId={user.organisation.id} />
      <SoundSwitch />
    </div>
  );
}

function HeaderCount({ organisationId }: { organisationId: string }) {
  const { alt } = useAlertTexts();
  const inbox = useInbox(organisationId);
  const waiting = (inbox.data ?? []).filter((item) => item.status === 'open' && !item.response).length;
  return (
    <Link
      className={`header-count${waiting ? ' header-count--active' : ''}`}
      to={Paths.provider.inbox}
      data-testid="header-alert-count"
      data-count={waiting}
      aria-label={alt('countLabel', { n: waiting })}
      title={alt('countLabel', { n: waiting })}
    >
      <BellIcon />
      <span aria-hidden="true">{waiting}</span>
    </Link>
  );
}

function SoundSwitch() {
  const { alt } = useAlertTexts();
  const muted = useMuted();
  const ready = useSoundReady();
  const played = useSoundsPlayed();
  const on = !muted && ready;
  return (
    <label className="sound-switch" title={alt('soundHint')}>
      <input
        type="checkbox"
        role="switch"
        checked={on}
        data-testid="sound-switch"
        data-ready={ready}
        data-played={played}
        onChange={() => (on ? setMuted(true) : enableSound())}
      />
      <SpeakerIcon on={on} />
      <span className="sound-switch-text">{!muted && !ready ? alt('soundTapToResume') : alt('sound')}</span>
    </label>
  );
}

/** Drawn, not emoji: phones without an emoji font would show a box. */
function BellIcon() {
  return (
    <svg className="header-icon" aria-hidden="true" viewBox="0 0 24 24" width="18" height="18">
      <path fill="currentColor" d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z" />
    </svg>
  );
}

function SpeakerIcon({ on }: { on: boolean }) {
  return (
    <svg className="header-icon" aria-hidden="true" viewBox="0 0 24 24" width="18" height="18">
      <path fill="currentColor" d="M3 9v6h4l5 5V4L7 9H3Z" />
      {on ? <path fill="none" stroke="currentColor" strokeWidth="2" d="M15.5 8.5a5 5 0 0 1 0 7M18 6a8.5 8.5 0 0 1 0 12" /> : <path stroke="currentColor" strokeWidth="2" d="m16 9 6 6m0-6-6 6" />}
    </svg>
  );
}
