import { Role } from '@akiwa/contracts';
import './alerts.css';
import { Link } from 'react-router';
import { useInbox } from '../../hooks/use-inbox';
import { useSessionUser } from '../auth/session-store';
import { Paths } from '../layout/navigation';
import { enableSound, setMuted, useMuted, useSoundReady, useSoundsPlayed } from '../requests/inbox-alerts';
import { useAlertText } from './messages';

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
  const text = useAlertText();
  const inbox = useInbox(organisationId);
  const waiting = (inbox.data ?? []).filter((item) => item.status === 'open' && !item.response).length;
  return (
    <Link
      className={`header-count${waiting ? ' header-count--active' : ''}`}
      to={Paths.provider.inbox}
      data-testid="header-alert-count"
      data-count={waiting}
      aria-label={text.countLabel(waiting)}
      title={text.countLabel(waiting)}
    >
      <span aria-hidden="true" className="header-count-bell">
        🔔
      </span>
      <span aria-hidden="true">{waiting}</span>
    </Link>
  );
}

function SoundSwitch() {
  const text = useAlertText();
  const muted = useMuted();
  const ready = useSoundReady();
  const played = useSoundsPlayed();
  const on = !muted && ready;
  return (
    <label className="sound-switch" title={text.soundHint}>
      <input
        type="checkbox"
        role="switch"
        checked={on}
        data-testid="sound-switch"
        data-ready={ready}
        data-played={played}
        onChange={() => (on ? setMuted(true) : enableSound())}
      />
      <span aria-hidden="true" className="sound-switch-icon">
        {on ? '🔊' : '🔈'}
      </span>
      <span className="sound-switch-text">{!muted && !ready ? text.soundTapToResume : text.sound}</span>
    </label>
  );
}
