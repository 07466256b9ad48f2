import { useTranslation } from 'react-i18next';
import { useSocket } from '../../lib/socket/use-socket';

/** The live link's state, in words and colour (never colour alone). */
export function ConnectionStatus() {
  const { t } = useTranslation();
  const { state } = useSocket();
  return (
    <div className="connection" role="status">
      <span className="connection-label">{t('connection.label')}</span>
      <span className={`connection-state connection-state--${state}`} data-testid="connection-status" data-state={state}>
        <span className="connection-dot" aria-hidden="true" />
        {t(`connection.${state}`)}
      </span>
    </div>
  );
}

export function OfflineBanner() {
  const { t } = useTranslation();
  const { state } = useSocket();
  if (state !== 'offline') return null;
  return (
    <div className="offline-banner" role="status" data-testid="offline-banner">
      {t('connection.offlineBanner')}
    </div>
  );
}
