import { RotaShift, type RotaDayView, type RotaOwnerKind, type RotaSlot, type RotaView } from '@akiwa/contracts';
import { addDays, serviceNight } from '@akiwa/domain';
import { useEffect, useMemo, useState } from 'react';
import { ErrorAlert } from '../../components/alerts';
import { TextField } from '../../components/form-field';
import { useApiError } from '../../hooks/use-api-error';
import { useRota, useSetRotaException, useUpdateRota } from '../../hooks/use-oncall';
import { usePageTitle } from '../../lib/use-page-title';
import { EscalationDelaysForm } from './escalation-delays-form';
import { useOncallText } from './messages';
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
  const text = useOncallText();
  usePageTitle(text.title);
  const [kind, setKind] = useState<RotaOwnerKind>('organisation');
  const [month, setMonth] = useState(() => serviceNight(new Date(), 0).slice(0, 7));
  const { from, to } = monthWindow(month);
  const rota = useRota(kind, from, to);
  const apiError = useApiError();

  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{text.title}</h1>
        <p className="page-lead">{text.lead}</p>
      </header>
      <div className="button-row rota-kinds">
        {(['organisation', 'region'] as const).map((k) => (
          <button key={k} type="button" className={`button ${kind === k ? 'button--primary' : 'button--secondary'}`} aria-pressed={kind === k} onClick={() => setKind(k)}>
            {k === 'organisation' ? text.centre : text.region}
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
  const text = useOncallText();
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
      <h2 id="rota-settings-title">{text.settings}</h2>
      <div className="rota-settings-fields">
        <TextField label={text.phone} name="phone" type="tel" inputMode="tel" autoComplete="off" value={phone} onChange={setPhone} />
        <TextField label={text.dayStarts} name="dayStarts" type="time" value={dayStarts} onChange={setDayStarts} />
        <TextField label={text.nightStarts} name="nightStarts" type="time" value={nightStarts} onChange={setNightStarts} />
      </div>
      <h3>{text.pattern}</h3>
      <p className="field-hint">{text.patternHint}</p>
      <div className="table-scroll">
        <table className="table rota-pattern" data-testid="rota-pattern">
          <thead>
            <tr>
              <th scope="col" />
              <th scope="col">{text.day}</th>
              <th scope="col">{text.night}</th>
            </tr>
          </thead>
          <tbody>
            {WEEKDAYS.map((weekday) => (
              <tr key={weekday}>
                <th scope="row">{text.weekday[weekday]}</th>
                {SHIFTS.map((shift) => (
                  <td key={shift}>
                    <select
                      className="input"
                      aria-label={`${text.weekday[weekday]} ${shift === 'day' ? text.day : text.night}`}
                      value={slots[`${weekday}:${shift}`] ?? ''}
                      onChange={(event) => setSlots((s) => ({ ...s, [`${weekday}:${shift}`]: event.target.value }))}
                    >
                      <option value="">{text.none}</option>
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
          </tbody>
        </table>
      </div>
      {update.error ? <ErrorAlert>{apiError.message(update.error)}</ErrorAlert> : null}
      {saved ? (
        <p className="alert alert--success" role="status">
          {text.saved}
        </p>
      ) : null}
      <button type="submit" className="button button--primary" disabled={update.isPending}>
        {update.isPending ? text.saving : text.save}
      </button>
    </form>
  );
}

function RotaCalendar({ kind, rota, month, onMonth }: { kind: RotaOwnerKind; rota: RotaView; month: string; onMonth: (by: number) => void }) {
  const text = useOncallText();
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
  return (
    <section className="card" aria-labelledby="rota-calendar-title">
      <h2 id="rota-calendar-title">{text.calendar}</h2>
      <p className="field-hint">{text.calendarHint}</p>
      <div className="rota-month-nav">
        <button type="button" className="button button--secondary" onClick={() => onMonth(-1)}>
          {text.previous}
        </button>
        <span className="rota-month" data-testid="rota-month">
          {text.month(y, m)}
        </span>
        <button type="button" className="button button--secondary" onClick={() => onMonth(1)}>
          {text.next}
        </button>
      </div>
      {setException.error ? <ErrorAlert>{apiError.message(setException.error)}</ErrorAlert> : null}
      <ol className="rota-calendar" data-testid="rota-calendar">
        {rota.calendar.map((day) => {
          const [, dm, dd] = day.date.split('-').map(Number);
          const label = text.dateLabel(dm, dd, text.weekday[day.weekday]);
          return (
            <li key={day.date} className={`rota-day${day.holiday || day.weekday === 0 ? ' rota-day--holiday' : ''}`} data-date={day.date}>
              <p className="rota-day-date">
                {label}
                {day.holiday ? <span className="rota-holiday">{day.holiday}</span> : null}
              </p>
              {SHIFTS.map((shift) => {
                const holder = day[shift];
                const shiftName = shift === 'day' ? text.day : text.night;
                return (
                  <label key={shift} className="rota-shift" data-shift={shift} data-source={holder.source ?? 'none'}>
                    <span className="rota-shift-name">
                      {shiftName}
                      {holder.source === 'exception' ? <span className="badge">{text.changed}</span> : null}
                    </span>
                    <select
                      className="input"
                      aria-label={text.cellLabel(label, shiftName)}
                      value={holder.source === 'exception' ? (holder.userId ?? '') : ''}
                      disabled={setException.isPending}
                      onChange={(event) => setException.mutate({ date: day.date, shift, userId: event.target.value || null })}
                    >
                      <option value="">{text.asPattern(patternName(day, shift))}</option>
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
