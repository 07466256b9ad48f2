import type { UnitVacancies, VacancyGender } from '@akiwa/contracts';
import { useTranslation } from 'react-i18next';
import type { NightWindowScope } from '../../api/query-keys';
import { nightsBetween, weekday } from '../../lib/dates';
import { currentLanguage } from '../../lib/i18n';
import { useNow } from '../../lib/use-now';
import { freshnessOf } from '../../lib/vacancies';
import { useVacancyPolicy } from '../../hooks/use-vacancy-policy';
import { formatNight } from './format-night';

const GENDERS: VacancyGender[] = ['any', 'male', 'female'];

interface VacancyGridProps {
  data: UnitVacancies;
  window: NightWindowScope;
  /** Caption for screen readers (the grid is a real table). */
  caption: string;
}

/**
 * Free and held beds per night: one row per gender kept (男女共通 always), one column per night,
 * scrolling sideways on a phone with the row names kept in view. Figures not confirmed for 7 days
 * are shown struck through: the search treats them as no vacancy.
 */
export function VacancyGrid({ data, window, caption }: VacancyGridProps) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const now = useNow(60_000);
  const policy = useVacancyPolicy();
  const nights = nightsBetween(window.from, window.to);
  const genders = GENDERS.filter((g) => g === 'any' || data.nights.some((n) => n.gender === g));
  const cell = new Map(data.nights.map((n) => [`${n.night}|${n.gender}`, n] as const));
  return (
    <div className="night-grid-scroll" tabIndex={0} role="region" aria-label={caption}>
      <table className="night-grid" data-testid="vacancy-grid">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="night-grid-corner">
              {t('grid.night')}
            </th>
            {nights.map((night) => (
              <th
                key={night}
                scope="col"
                className={`night-grid-date${weekday(night) === 0 ? ' is-sunday' : ''}${weekday(night) === 6 ? ' is-saturday' : ''}`}
              >
                {formatNight(night, language)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {genders.map((gender) => (
            <tr key={gender}>
              <th scope="row" className="night-grid-gender">
                {t(`vacancyGender.${gender}`)}
              </th>
              {nights.map((night) => {
                const row = cell.get(`${night}|${gender}`);
                if (!row) {
                  return (
                    <td key={night} className="night-cell night-cell--none" data-night={night} data-gender={gender}>
                      <span aria-hidden="true">—</span>
                      <span className="visually-hidden">{t('grid.none')}</span>
                    </td>
                  );
                }
                const unknown = freshnessOf(row.confirmedAt, policy, now) === 'unknown';
                const available = row.free - row.held;
                return (
                  <td
                    key={night}
                    className={`night-cell${available > 0 ? ' night-cell--free' : ' night-cell--full'}${unknown ? ' night-cell--unknown' : ''}`}
                    data-night={night}
                    data-gender={gender}
                    data-free={row.free}
                    data-held={row.held}
                  >
                    <span className="night-cell-free">{row.free}</span>
                    {row.held > 0 ? (
                      <span className="night-cell-held">
                        {t('grid.held')}
                        {row.held}
                      </span>
                    ) : null}
                    <span className="visually-hidden">{t('grid.freeHeld', { free: row.free, held: row.held })}</span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
