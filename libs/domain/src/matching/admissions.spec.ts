import { admissionsPaused, checkAdmissionsPause, PAUSE_MAX_DAYS, PAUSE_REASON_MAX } from './admissions';

describe('admissions status', () => {
  const now = new Date('2026-12-02T01:30:00+09:00');
  const later = (ms: number) => new Date(now.getTime() + ms);

  it('is paused only while its end is still ahead', () => {
    expect(admissionsPaused(null, now)).toBe(false);
    expect(admissionsPaused(undefined, now)).toBe(false);
    expect(admissionsPaused(later(60_000), now)).toBe(true);
    expect(admissionsPaused(later(60_000).toISOString(), now)).toBe(true);
    expect(admissionsPaused(now, now)).toBe(false); // the end itself: admitting again
    expect(admissionsPaused(later(-1), now)).toBe(false);
  });

  it('checks a pause: an end ahead within the limit, and a reason a coordinator can read', () => {
    expect(checkAdmissionsPause(null, '', now)).toEqual([]);
    expect(checkAdmissionsPause(later(3_600_000), '感染症', now)).toEqual([]);
    const codes = (until: Date, reason: string) => checkAdmissionsPause(until, reason, now).map((p) => `${p.field}:${p.code}`);
    expect(codes(now, '感染症')).toEqual(['pausedUntil:not_future']);
    expect(codes(later((PAUSE_MAX_DAYS + 1) * 86_400_000), '感染症')).toEqual(['pausedUntil:too_far']);
    expect(codes(new Date(NaN), '感染症')).toEqual(['pausedUntil:invalid']);
    expect(codes(later(3_600_000), ' 　')).toEqual(['pauseReason:required']);
    expect(codes(later(3_600_000), 'あ'.repeat(PAUSE_REASON_MAX))).toEqual([]);
    expect(codes(later(3_600_000), 'あ'.repeat(PAUSE_REASON_MAX + 1))).toEqual(['pauseReason:too_long']);
    // both at once: every problem is named
    expect(codes(later(-1), '')).toEqual(['pausedUntil:not_future', 'pauseReason:required']);
  });
});
