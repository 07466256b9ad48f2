import { CALENDAR_CASES } from './calendar.cases';
import { CalendarRowEncoder, calendarCells, isFew, pausedThrough } from './calendar';
import { encodeCalendarCells } from './calendar-codec';
import type { VacancyRow } from './availability';
import { addDays } from './nights';

// a confirmation as a Date (the search's rows) and as epoch milliseconds (the calendar's statement)
describe.each([['Date'], ['epoch ms']] as const)('calendar marks (table), confirmed_at as %s', (form) => {
  const now = new Date('2026-11-25T03:00:00Z');
  const night = '2026-11-25';
  it.each(CALENDAR_CASES.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const rows: VacancyRow[] = c.rows.map((r) => {
      const at = now.getTime() - (r.ageHours ?? 1) * 3_600_000;
      return { night: addDays(night, r.night ?? 0), gender: r.gender ?? 'any', free: r.free, held: r.held ?? 0, confirmedAt: form === 'Date' ? new Date(at) : at };
    });
    const pausedThroughNight = c.pausedThroughOffset === undefined || c.pausedThroughOffset === null ? null : addDays(night, c.pausedThroughOffset);
    const [cell] = calendarCells(rows, [night], { capacity: c.capacity, gender: c.gender, now, pausedThrough: pausedThroughNight });
    expect({ mark: cell.mark, available: cell.available, freshness: cell.freshness }).toEqual(c.expected);
  });
});

describe('calendarCells', () => {
  const now = new Date('2026-11-25T03:00:00Z');
  it('gives one cell per night, in order, each from its own rows', () => {
    const at = new Date(now.getTime() - 3_600_000);
    const rows: VacancyRow[] = [
      { night: '2026-11-27', gender: 'any', free: 0, held: 0, confirmedAt: at },
      { night: '2026-11-25', gender: 'any', free: 4, held: 0, confirmedAt: at },
    ];
    const cells = calendarCells(rows, ['2026-11-25', '2026-11-26', '2026-11-27'], { capacity: 4, now, pausedThrough: null });
    expect(cells.map((c) => [c.night, c.mark])).toEqual([
      ['2026-11-25', 'free'],
      ['2026-11-26', 'unknown'],
      ['2026-11-27', 'full'],
    ]);
  });
});

describe('CalendarRowEncoder (the API\'s compact path)', () => {
  const now = new Date('2026-11-25T03:00:00Z');
  const nights = ['2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29', '2026-11-30'];
  const genders = ['any', 'male', 'female'] as const;
  // a seeded generator: the same units every run
  let seed = 7;
  const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
  const units = Array.from({ length: 300 }, () => {
    const capacity = 1 + rnd(12);
    const rows: VacancyRow[] = [];
    for (let i = -1; i <= nights.length; i++)
      for (const g of genders) {
        if (rnd(3) === 0) continue;
        const free = rnd(capacity + 1);
        // ages around the stale (24 h) and unknown (7 days) cutoffs, exactly on them included
        const age = [0, 1, 23, 24, 25, 167, 168, 169, 400][rnd(9)] * 3_600_000 + [0, 1, -1][rnd(3)];
        rows.push({ night: i < 0 ? '2026-11-24' : i === nights.length ? '2026-12-01' : nights[i], gender: g, free, held: rnd(free + 1), confirmedAt: now.getTime() - age });
      }
    const paused = [null, '2026-11-24', '2026-11-25', '2026-11-27', '2026-12-09'][rnd(5)];
    return { capacity, rows, paused };
  });
  it.each([[undefined], ['male'], ['female']] as const)('gives what encodeCalendarCells(calendarCells(…)) gives, gender %s', (gender) => {
    const encoder = new CalendarRowEncoder(nights, { gender, now });
    const position = new Map([['2026-11-24', -1], ...nights.map((n, i) => [n, i] as const), ['2026-12-01', nights.length]]);
    for (const u of units) {
      encoder.reset();
      for (const r of u.rows) encoder.add(position.get(r.night)!, r.gender, r.free, r.held, r.confirmedAt as number);
      expect(encoder.encode(u.capacity, u.paused)).toEqual(encodeCalendarCells(calendarCells(u.rows, nights, { capacity: u.capacity, gender, now, pausedThrough: u.paused })));
    }
  });
  it('gives the table\'s marks', () => {
    const night = '2026-11-25';
    for (const c of CALENDAR_CASES) {
      const encoder = new CalendarRowEncoder([night], { gender: c.gender, now });
      for (const r of c.rows) encoder.add(r.night ?? 0, r.gender ?? 'any', r.free, r.held ?? 0, now.getTime() - (r.ageHours ?? 1) * 3_600_000);
      const pausedThroughNight = c.pausedThroughOffset === undefined || c.pausedThroughOffset === null ? null : addDays(night, c.pausedThroughOffset);
      expect(encoder.encode(c.capacity, pausedThroughNight)).toEqual(encodeCalendarCells([{ night, ...c.expected }]));
    }
  });
});

describe('isFew', () => {
  it('is never few without a bed, nor when every bed is free', () => {
    expect(isFew(0, 4)).toBe(false);
    expect(isFew(2, 2)).toBe(false);
    expect(isFew(1, 2)).toBe(true);
  });
});

describe('pausedThrough', () => {
  const now = new Date('2026-11-25T03:00:00Z'); // 12:00 JST: tonight is 11-25
  it('names the last night a pause reaches, by the service night (default cutoff 10:00 JST)', () => {
    // until 11-27 03:00 JST: the night of 11-26 has begun by then
    expect(pausedThrough(new Date('2026-11-26T18:00:00Z'), now)).toBe('2026-11-26');
    // until exactly the cutoff ending the night of 11-26 (11-27 10:00 JST): 11-27 is not paused
    expect(pausedThrough(new Date('2026-11-27T01:00:00Z'), now)).toBe('2026-11-26');
    expect(pausedThrough(new Date('2026-11-27T01:00:01Z'), now)).toBe('2026-11-27');
  });
  it('is null without a pause or once it has ended', () => {
    expect(pausedThrough(null, now)).toBeNull();
    expect(pausedThrough(new Date(now.getTime() - 1), now)).toBeNull();
    expect(pausedThrough(now, now)).toBeNull();
  });
});
