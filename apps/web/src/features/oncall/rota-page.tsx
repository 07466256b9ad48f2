import { RotaShift, type RotaDayView, type RotaOwnerKind, type RotaSlot, type RotaView } from '@akiwa/contracts';
import { addDays, serviceNight } from '@akiwa/domain';
import { useEffect, useMemo, useState } from 'react';
import { ErrorAlert } from '../../components/alerts';
import { DataTable } from '../../components/data-table';
import { TextField } from '../../components/form-field';
import { useApiError } from '../../hooks/use-api-error';
import { useRota, useSetRotaException, useUpdateRota } from '../../hooks/use-oncall';
import { usePageTitle } from '../../lib/use-page-title';
import { EscalationDelaysForm } from './escalation-delays-form';
import { useOncallTexts } from './i18n';
import './oncall.css';

const SHIFTS = Object.values(RotaShift);
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 0, 7];

function monthWindow(month: string): { from: string; to: string } {
  const from = `${month}-01`;
  const next = addDays(from, 32).slice(0, 7);
  return { from, to: addDays(`${next}-01`, -1) };
}

function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number);
  const total = y * 12 + (m - 1) + by;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}

/** 当番表: the centre's and the region's on-call rota, as settings, a weekly pattern and a month calendar. */
export function RotaPage() {
  const { ot } = useOncallTexts();
  usePageTitle(ot('title'));
  const [kind, setKind] = useState<RotaOwnerKind>('organisation');
  const [month, setMonth] = useState(() => serviceNight(new Date(), 0).slice(0, 7));
  const { from, to } = monthWindow(month);
  const rota = useRota(kind, from, to);
  const apiError = useApiError();

  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{ot('title')}</h1>
        <p className="page-lead">{ot('lead')}</p>
      </header>
      <div className="button-row rota-kinds">
        {(['organisation', 'region'] as const).map((k) => (
          <button key={k} type="button" className={`button ${kind === k ? 'button--primary' : 'button--secondary'}`} aria-pressed={kind === k} onClick={() => setKind(k)}>
            {k === 'organisation' ? ot('centre') : ot('region')}
          </button>
        ))}
      </div>
      {rota.error ? <ErrorAlert>{apiError.message(rota.error)}</ErrorAlert> : null}
      {rota.data ? (
        <>
          <h2 className="rota-owner" data-testid="rota-owner">
            {rota.data.ownerName}
          </h2>
          <RotaSettings key={`${rota.data.ownerKind}:${rota.data.ownerId}`} kind={kind} rota={rota.data} />
          <RotaCalendar kind={kind} rota={rota.data} month={month} onMonth={(by) => setMonth((m) => shiftMonth(m, by))} />
        </>
      ) : null}
      {/* the region's: it decides when the region's on-call phone rings */}
      <EscalationDelaysForm />
    </section>
  );
}

function RotaSettings({ kind, rota }: { kind: RotaOwnerKind; rota: RotaView }) {
  const { ot } = useOncallTexts();
  const weekdays = ot('weekday', { returnObjects: true });
  const apiError = useApiError();
  const update = useUpdateRota(kind);
  const [phone, setPhone] = useState(rota.phone);
  const [dayStarts, setDayStarts] = useState(rota.dayStarts);
  const [nightStarts, setNightStarts] = useState(rota.nightStarts);
  const [slots, setSlots] = useState<Record<string, string>>(() => Object.fromEntries(rota.pattern.map((p) => [`${p.weekday}:${p.shift}`, p.userId])));
  const [saved, setSaved] = useState(false);
  useEffect(() => setSaved(false), [phone, dayStarts, nightStarts, slots]);

  const submit = () => {
    const pattern: RotaSlot[] = Object.entries(slots)
      .filter(([, userId]) => userId)
      .map(([key, userId]) => {
        const [weekday, shift] = key.split(':');
        return { weekday: Number(weekday), shift: shift as RotaShift, userId };
      });
    update.mutate({ phone, dayStarts, nightStarts, pattern }, { onSuccess: () => setSaved(true) });
  };

  return (
    <form
      className="card form"
      aria-labelledby="rota-settings-title"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <h2 id="rota-settings-title">{ot('settings')}</h2>
      <div className="rota-settings-fields">
        <TextField label={ot('phone')} name="phone" type="tel" inputMode="tel" autoComplete="off" value={phone} onChange={setPhone} />
        <TextField label={ot('dayStarts')} name="dayStarts" type="time" value={dayStarts} onChange={setDayStarts} />
        <TextField label={ot('nightStarts')} name="nightStarts" type="time" value={nightStarts} onChange={setNightStarts} />
      </div>
      <h3>{ot('pattern')}</h3>
      <p className="field-hint">{ot('patternHint')}</p>
      <DataTable testId="rota-pattern" className="rota-pattern" columns={['', ot('day'), ot('night')]}>
        {WEEKDAYS.map((weekday) => (
          <tr key={weekday}>
            <th scope="row">{weekdays[weekday]}</th>
            {SHIFTS.map((shift) => (
              <td key={shift}>
                <select
                  className="input"
                  aria-label={`${weekdays[weekday]} ${shift === 'day' ? ot('day') : ot('night')}`}
                  value={slots[`${weekday}:${shift}`] ?? ''}
                  onChange={(event) => setSlots((s) => ({ ...s, [`${weekday}:${shift}`]: event.target.value }))}
                >
                  <option value="">{ot('none')}</option>
                  {rota.candidates.map((c) => (
                    <option key={c.userId} value={c.userId}>
                      {c.name}
                    </option>
                  ))}
                </select>
              </td>
            ))}
          </tr>
        ))}
      </DataTable>
      {update.error ? <ErrorAlert>{apiError.message(update.error)}</ErrorAlert> : null}
      {saved ? (
        <p className="alert alert--success" role="status">
          {ot('saved')}
        </p>
      ) : null}
      <button type="submit" className="button button--primary" disabled={update.isPending}>
        {update.isPending ? ot('saving') : ot('save')}
      </button>
    </form>
  );
}

function RotaCalendar({ kind, rota, month, onMonth }: { kind: RotaOwnerKind; rota: RotaView; month: string; onMonth: (by: number) => void }) {
  const { ot } = useOncallTexts();
  const weekdays = ot('weekday', { returnObjects: true });
  const apiError = useApiError();
  const setException = useSetRotaException(kind);
  const [y, m] = month.split('-').map(Number);
  const names = useMemo(() => new Map(rota.candidates.map((c) => [c.userId, c.name])), [rota.candidates]);
  const patternName = (day: RotaDayView, shift: RotaShift): string | null => {
    const slot =
      (day.holiday ? rota.pattern.find((p) => p.weekday === 7 && p.shift === shift) : undefined) ??
      rota.pattern.find((p) => p.weekday === day.weekday && p.shift === shift);
    return slot ? (names.get(slot.userId) ?? null) : null;
  };
  const asPattern = (day: RotaDayView, shift: RotaShift): string => {
    const name = patternName(day, shift);
    return name === null ? ot('asPatternUnset') : ot('asPattern', { name });
  };
  return (
    <section className="card" aria-labelledby="rota-calendar-title">
      <h2 id="rota-calendar-title">{ot('calendar')}</h2>
      <p className="field-hint">{ot('calendarHint')}</p>
      <div className="rota-month-nav">
        <button type="button" className="button button--secondary" onClick={() => onMonth(-1)}>
          {ot('previous')}
        </button>
        <span className="rota-month" data-testid="rota-month">
          {ot('month', { y, m, mm: String(m).padStart(2, '0') })}
        </span>
        <button type="button" className="button button--secondary" onClick={() => onMonth(1)}>
          {ot('next')}
        </button>
      </div>
      {setException.error ? <ErrorAlert>{apiError.message(setException.error)}</ErrorAlert> : null}
      <ol className="rota-calendar" data-testid="rota-calendar">
        {rota.calendar.map((day) => {
          const [, dm, dd] = day.date.split('-').map(Number);
          const label = ot('dateLabel', { m: dm, d: dd, w: weekdays[day.weekday] });
          return (
            <li key={day.date} className={`rota-day${day.holiday || day.weekday === 0 ? ' rota-day--holiday' : ''}`} data-date={day.date}>
              <p className="rota-day-date">
                {label}
                {day.holiday ? <span className="rota-holiday">{day.holiday}</span> : null}
              </p>
              {SHIFTS.map((shift) => {
                const holder = day[shift];
                const shiftName = shift === 'day' ? ot('day') : ot('night');
                return (
                  <label key={shift} className="rota-shift" data-shift={shift} data-source={holder.source ?? 'none'}>
                    <span className="rota-shift-name">
                      {shiftName}
                      {holder.source === 'exception' ? <span className="badge">{ot('changed')}</span> : null}
                    </span>
                    <select
                      className="input"
                      aria-label={ot('cellLabel', { date: label, shift: shiftName })}
                      value={holder.source === 'exception' ? (holder.userId ?? '') : ''}
                      disabled={setException.isPending}
                      onChange={(event) => setException.mutate({ date: day.date, shift, userId: event.target.value || null })}
                    >
                      <option value="">{asPattern(day, shift)}</option>
                      {rota.candidates.map((c) => (
                        <option key={c.userId} value={c.userId}>
                          {c.name}
                        </option>
                      ))}
                    </select>
                  </label>
                );
              })}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
