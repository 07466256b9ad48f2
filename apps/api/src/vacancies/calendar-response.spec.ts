import type { VacancyCalendarWire } from '@akiwa/contracts';
import { CalendarRowEncoder } from '@akiwa/domain';
import { CalendarResponseWriter, calendarRowHead, type CalendarRowHead } from './calendar-response';

describe('CalendarResponseWriter', () => {
  const now = new Date('2026-11-25T03:00:00Z');
  const nights = ['2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28'];
  const unit = (n: number, name: string, paused: string | null): CalendarRowHead => ({
    unit: {
      id: `00000000-0000-4000-8000-00000000000${n}`,
      name,
      serviceType: 'short_stay',
      municipalityCode: '43213',
      organisationId: '00000000-0000-4000-8000-000000000100',
      capacity: 120,
      roomGender: 'either',
      emergencyOk: true,
      trialOk: false,
      contact24h: '096-000-0000',
      admissionsPauseReason: paused ? '設備点検 "A" \\ 棟' : null,
      nightAdmission: null,
      organisationName: 'あきわ会',
      admissionsPausedUntil: paused,
    } as CalendarRowHead['unit'],
    distance: n % 3,
  });
  // rows chosen for one- to three-digit beds, ×, ? (no row, and a row past the unknown cutoff) and 停
  const units = [
    { head: unit(1, 'ひだまり', null), pausedThrough: null, rows: [[0, 'any', 5, 0, 1], [1, 'any', 0, 0, 1], [2, 'any', 45, 3, 2], [3, 'any', 3, 1, 30]] },
    { head: unit(2, 'Unit "two"\n', '2026-11-27T03:00:00.000Z'), pausedThrough: '2026-11-26', rows: [[0, 'male', 120, 0, 1], [2, 'female', 45, 0, 400]] },
    { head: unit(3, '🏠 三', null), pausedThrough: null, rows: [] },
  ] as const;

  function write(gender?: 'male' | 'female') {
    const encoder = new CalendarRowEncoder(nights, { now, gender });
    const writer = new CalendarResponseWriter(16); // smaller than the answer: grows
    const expected: VacancyCalendarWire = { items: [], total: 7, limit: 3, offset: 0, from: nights[0], nights };
    for (const u of units) {
      encoder.reset();
      for (const [i, g, free, held, ageHours] of u.rows) encoder.add(i, g, free, held, now.getTime() - ageHours * 3_600_000);
      writer.row(calendarRowHead(u.head), u.pausedThrough, encoder, u.head.unit.capacity, nights.length);
      expected.items.push({ ...u.head, pausedThrough: u.pausedThrough, ...encoder.encode(u.head.unit.capacity, u.pausedThrough) });
    }
    return { bytes: writer.end(expected), expected };
  }

  it.each([[undefined], ['male'], ['female']] as const)('writes what JSON.stringify of the response object gives, byte for byte (gender %s)', (gender) => {
    const { bytes, expected } = write(gender);
    expect(bytes.toString('utf8')).toBe(JSON.stringify(expected));
  });

  it('writes an empty page', () => {
    const page = { total: 0, limit: 50, offset: 100, from: nights[0], nights };
    expect(new CalendarResponseWriter(0).end(page).toString('utf8')).toBe(JSON.stringify({ items: [], ...page }));
  });
});
