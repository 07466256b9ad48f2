import { CALENDAR_SYMBOLS, type CalendarCell, type MunicipalityView, type VacancyCalendar, type VacancyCalendarRow } from '@akiwa/contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { VacancyCalendarScope } from '../../api/query-keys';
import { municipalityLabel } from '../../lib/format';
import { currentLanguage } from '../../lib/i18n';
import { requestPaths } from '../requests/paths';
import { Paths } from '../layout/navigation';
import { formatNight } from './format-night';

/** Marks a coordinator can act on: a bed is free that night. */
const TAPPABLE = new Set<CalendarCell['mark']>(['free', 'few']);

/**
 * The request form, pre-filled from a calendar cell: the unit's municipality and service, the night,
 * and the board's filters that are also the person's needs (category, gender, child, level, needs).
 */
export function requestFromCell(row: VacancyCalendarRow, night: string, scope: VacancyCalendarScope): string {
  const q = new URLSearchParams({ municipalityCode: row.unit.municipalityCode, from: night, unitId: row.unit.id, unitName: row.unit.name, serviceType: row.unit.serviceType });
  if (scope.category) q.set('category', scope.category);
  if (scope.gender) q.set('gender', scope.gender);
  if (scope.child) q.set('child', 'true');
  if (scope.supportLevel !== null) q.set('supportLevel', String(scope.supportLevel));
  if (scope.needs.length) q.set('needs', scope.needs.join(','));
  return `${requestPaths.create}?${q}`;
}

interface VacancyCalendarProps {
  calendar: VacancyCalendar;
  scope: VacancyCalendarScope;
  changed: ReadonlySet<string>;
  byCode: ReadonlyMap<string, MunicipalityView>;
  /** Whether cells link to a new emergency request (coordinators). */
  canRequest: boolean;
}

/**
 * 日ごとの空き (like 「あいてるショート」): units down, nights across. It scrolls inside its own box —
 * on a phone the page keeps its width — with the unit column and the dates held in place (sticky).
 */
export function VacancyCalendarTable({ calendar, scope, changed, byCode, canRequest }: VacancyCalendarProps) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const label = (cell: CalendarCell, row: VacancyCalendarRow) =>
    t(`calendar.cell.${cell.mark}`, { unit: row.unit.name, night: formatNight(cell.night, language), count: cell.available }) +
    (cell.freshness === 'stale' && cell.mark !== 'paused' ? t('calendar.staleSuffix') : '');

  return (
    <div className="calendar-box" role="region" aria-labelledby="calendar-caption" tabIndex={0} data-testid="vacancy-calendar">
      <table className="vacancy-calendar">
        <caption id="calendar-caption" className="visually-hidden">
          {t('calendar.caption', { from: formatNight(calendar.nights[0] ?? scope.from, language), count: calendar.nights.length })}
        </caption>
        <thead>
          <tr>
            <th scope="col" className="calendar-unit">
              {t('calendar.unit')}
            </th>
            {calendar.nights.map((night) => {
              const weekday = new Date(`${night}T00:00:00Z`).getUTCDay();
              return (
                <th scope="col" key={night} className={`calendar-night${weekday === 0 ? ' is-sunday' : weekday === 6 ? ' is-saturday' : ''}`}>
                  {formatNight(night, language)}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {calendar.items.map((row) => {
            const municipality = byCode.get(row.unit.municipalityCode);
            return (
              <tr key={row.unit.id} data-testid="calendar-row" data-unit-id={row.unit.id} data-changed={changed.has(row.unit.id) ? 'true' : undefined} className={changed.has(row.unit.id) ? 'is-changed' : undefined}>
                <th scope="row" className="calendar-unit">
                  <span className="calendar-unit-name">{row.unit.name}</span>
                  <span className="calendar-unit-meta">
                    <Link to={Paths.profile(row.unit.organisationId)}>{row.unit.organisationName}</Link>・{municipality ? municipalityLabel(municipality, byCode, language) : row.unit.municipalityCode}
                  </span>
                </th>
                {row.cells.map((cell) => (
                  <td
                    key={cell.night}
                    className={`calendar-cell calendar-cell--${cell.mark}${cell.freshness === 'stale' ? ' is-stale' : ''}`}
                    data-testid="calendar-cell"
                    data-night={cell.night}
                    data-mark={cell.mark}
                  >
                    {canRequest && TAPPABLE.has(cell.mark) ? (
                      <Link to={requestFromCell(row, cell.night, scope)} aria-label={label(cell, row)} title={label(cell, row)}>
                        {CALENDAR_SYMBOLS[cell.mark]}
                      </Link>
                    ) : (
                      <span role="img" aria-label={label(cell, row)} title={label(cell, row)}>
                        {CALENDAR_SYMBOLS[cell.mark]}
                      </span>
                    )}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** What each symbol means, under the calendar. */
export function CalendarLegend() {
  const { t } = useTranslation();
  return (
    <ul className="calendar-legend" aria-label={t('calendar.legend')}>
      {(['free', 'few', 'full', 'unknown', 'paused'] as const).map((mark) => (
        <li key={mark}>
          <span className={`calendar-cell--${mark}`} aria-hidden="true">
            {CALENDAR_SYMBOLS[mark]}
          </span>
          {t(`calendar.legendItem.${mark}`)}
        </li>
      ))}
    </ul>
  );
}
