import type { UnitView } from '@akiwa/contracts';
import { useTranslation } from 'react-i18next';
import { useRefusedChanges, useWaitingChangeCount } from '../../hooks/use-vacancy-changes';
import { currentLanguage } from '../../lib/i18n';
import { formatNight } from './format-night';

/**
 * The phone's offline queue, made visible: how many taps wait for the network, and the changes the
 * server refused once they could be sent (made offline, sent after the page that made them closed),
 * each saying why, until read.
 */
export function OfflineChanges({ userId, units }: { userId: string; units: readonly UnitView[] }) {
  const { t } = useTranslation();
  const waiting = useWaitingChangeCount();
  const { refused, dismiss } = useRefusedChanges(userId);
  const names = new Map(units.map((u) => [u.id, u.name]));
  return (
    <>
      {waiting > 0 ? (
        <p className="notice" role="status" data-testid="waiting-changes" data-count={waiting}>
          {t('vacancies.waitingChanges', { count: waiting })}
        </p>
      ) : null}
      {refused.length ? (
        <section className="alert alert--error" role="alert" aria-labelledby="refused-changes-title" data-testid="refused-changes">
          <h2 id="refused-changes-title">{t('vacancies.refusedTitle')}</h2>
          <ul>
            {refused.map((c) => {
              const values = {
                unit: names.get(c.unitId) ?? '',
                night: formatNight(c.night, currentLanguage()),
                delta: c.delta > 0 ? `＋${c.delta}` : `−${-c.delta}`,
                reason: c.refused?.message[currentLanguage()] ?? '',
              };
              return (
                <li key={c.id} data-testid="refused-change" data-status={c.refused?.status}>
                  {c.refused?.status === 409 ? t('vacancies.refusedConflict', values) : t('vacancies.refusedOther', values)}{' '}
                  <button type="button" className="button button--secondary" onClick={() => dismiss.mutate(c.id)}>
                    {t('vacancies.dismiss')}
                  </button>
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}
    </>
  );
}
