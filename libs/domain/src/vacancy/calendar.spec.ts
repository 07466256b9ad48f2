import { CALENDAR_CASES } from './calendar.cases';
import { calendarCells, isFew, pausedThrough } from './calendar';
import type { VacancyRow } from './availability';
import { addDays } from './nights';

describe('calendar marks (table)', () => {
  const now = new Date('2026-11-25T03:00:00Z');
  const night = '2026-11-25';
  it.each(CALENDAR_CASES.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const rows: VacancyRow[] = c.rows.map((r) => ({
      night: addDays(night, r.night ?? 0),
      gender: r.gender ?? 'any',
      free: r.free,
      held: r.held ?? 0,
      confirmedAt: new Date(now.getTime() - (r.ageHours ?? 1) * 3_600_000),
    }));
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
