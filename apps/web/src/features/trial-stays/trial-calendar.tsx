import type { TrialCalendarUnit, TrialCalendarView } from '@akiwa/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/alerts';
import { useApiError } from '../../hooks/use-api-error';
import { useTrialCalendar } from '../../hooks/use-trial-stays';
import { formatMonth, shiftMonth } from './dates';
import { useTrialTexts } from './i18n';

const MARK = { closed: '－', open: '○', full: '満', requested: '△', booked: '×' } as const;

/** A month of trial nights, per room (one room, or every trial room of a home). Holidays are marked. */
export function TrialCalendar({ initialMonth, unitId, organisationId, title }: { initialMonth: string; unitId?: string; organisationId?: string; title: string }) {
  const { tt } = useTrialTexts();
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage === 'en' ? 'en' : 'ja';
  const apiError = useApiError();
  const [month, setMonth] = useState(initialMonth);
  const calendar = useTrialCalendar(month, { unitId, organisationId });

  return (
    <section className="trial-calendar" aria-label={title}>
      <div className="trial-calendar-bar">
        <button type="button" className="button button--secondary" onClick={() => setMonth(shiftMonth(month, -1))}>
          ← {tt('prevMonth')}
        </button>
        <h3 className="trial-calendar-month" aria-live="polite">
          {formatMonth(month, language)}
        </h3>
        <button type="button" className="button button--secondary" onClick={() => setMonth(shiftMonth(month, 1))}>
          {tt('nextMonth')} →
        </button>
      </div>
      <p className="trial-legend">
        {(['open', 'full', 'requested', 'booked', 'closed'] as const).map((s) => (
          <span key={s} className={`trial-day--${s} trial-legend-item`}>
            {MARK[s]} {tt(`status.${s}`)}
          </span>
        ))}
      </p>
      {calendar.error ? <ErrorAlert>{apiError.message(calendar.error)}</ErrorAlert> : null}
      {calendar.data?.units.map((unit) => <MonthGrid key={unit.unitId} unit={unit} view={calendar.data} />)}
    </section>
  );
}

function MonthGrid({ unit, view }: { unit: TrialCalendarUnit; view: TrialCalendarView }) {
  const { tt } = useTrialTexts();
  const holidays = new Map(view.holidays.map((h) => [h.date, h.name]));
  const lead = new Date(`${view.month}-01T00:00:00Z`).getUTCDay();
  const cells: (TrialCalendarUnit['days'][number] | null)[] = [...Array<null>(lead).fill(null), ...unit.days];
  while (cells.length % 7) cells.push(null);
  const weeks = Array.from({ length: cells.length / 7 }, (_, i) => cells.slice(i * 7, i * 7 + 7));
  return (
    <div className="table-scroll">
      <table className="trial-month" data-unit-id={unit.unitId}>
        <caption>{unit.unitName}</caption>
        <thead>
          <tr>
            {tt('weekdays', { returnObjects: true }).map((w, i) => (
              <th key={w} scope="col" className={i === 0 ? 'is-sunday' : i === 6 ? 'is-saturday' : undefined}>
                {w}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week, wi) => (
            <tr key={wi}>
              {week.map((day, di) => {
                if (!day) return <td key={di} className="trial-day trial-day--blank" />;
                const holiday = holidays.get(day.date);
                const label = `${Number(day.date.slice(5, 7))}/${Number(day.date.slice(8, 10))} ${tt(`status.${day.status}`)}${holiday ? ` ${holiday}` : ''}`;
                return (
                  <td
                    key={di}
                    className={`trial-day trial-day--${day.status}${holiday || di === 0 ? ' is-holiday' : di === 6 ? ' is-saturday' : ''}`}
                    data-date={day.date}
                    data-status={day.status}
                    aria-label={label}
                    title={label}
                  >
                    <span className="trial-day-number">{Number(day.date.slice(8, 10))}</span>
                    <span className="trial-day-mark" aria-hidden="true">
                      {MARK[day.status]}
                    </span>
                    {holiday ? <span className="trial-day-holiday">{holiday}</span> : null}
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
