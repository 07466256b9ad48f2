import { fiscalYearOf, nightsByFiscalYear, overlapNights } from './fiscal-year';
import { checkTrialPolicy, checkTrialStay, consecutiveRun, consecutiveWindow, DEFAULT_TRIAL_STAY_POLICY, fiscalYearsOf } from './policy';
import { coversRange, mergeRanges, nightRuns, trialDays } from './ranges';

const none = new Map<number, number>();

describe('fiscal years', () => {
  it('runs April to March', () => {
    expect(fiscalYearOf('2026-03-31')).toBe(2025);
    expect(fiscalYearOf('2026-04-01')).toBe(2026);
    expect(fiscalYearOf('2027-01-15')).toBe(2026);
  });

  it('splits a stay across March 31 / April 1 (the night of March 31 belongs to the old year)', () => {
    expect([...nightsByFiscalYear('2026-03-29', '2026-04-03')]).toEqual([[2025, 3], [2026, 2]]);
    expect([...nightsByFiscalYear('2026-04-01', '2026-04-06')]).toEqual([[2026, 5]]);
    expect(fiscalYearsOf('2026-03-29', '2026-04-03').map((f) => f.fiscalYear)).toEqual([2025, 2026]);
    expect(overlapNights('2026-03-29', '2026-04-03', '2026-04-01', '2027-04-01')).toBe(2);
  });
});

describe('trial-stay policy', () => {
  it('refuses more than 30 consecutive nights and accepts exactly 30', () => {
    expect(checkTrialStay('2026-12-01', '2027-01-01', none, DEFAULT_TRIAL_STAY_POLICY)).toEqual({ kind: 'consecutive', max: 30, requested: 31, consecutive: 31, run: { from: '2026-12-01', to: '2027-01-01' } });
    expect(checkTrialStay('2026-12-01', '2026-12-31', none, DEFAULT_TRIAL_STAY_POLICY)).toBeNull();
  });

  it('counts consecutive nights across back-to-back stays of the person: 30 + an adjoining 1 is 31', () => {
    const thirty = { from: '2026-12-01', to: '2026-12-31' };
    expect(checkTrialStay('2026-12-31', '2027-01-01', none, DEFAULT_TRIAL_STAY_POLICY, [thirty])).toEqual({
      kind: 'consecutive', max: 30, requested: 1, consecutive: 31, run: { from: '2026-12-01', to: '2027-01-01' },
    });
    // the night before the 30 joins the run too
    expect(checkTrialStay('2026-11-30', '2026-12-01', none, DEFAULT_TRIAL_STAY_POLICY, [thirty])).toMatchObject({ kind: 'consecutive', consecutive: 31 });
    // one night at home in between breaks the run
    expect(checkTrialStay('2027-01-01', '2027-01-02', none, DEFAULT_TRIAL_STAY_POLICY, [thirty])).toBeNull();
    // a stay filling the gap between two others joins all three
    expect(consecutiveRun({ from: '2026-12-10', to: '2026-12-12' }, [{ from: '2026-12-01', to: '2026-12-10' }, { from: '2026-12-12', to: '2026-12-20' }, { from: '2026-12-25', to: '2026-12-26' }]))
      .toEqual({ from: '2026-12-01', to: '2026-12-20' });
    expect(consecutiveWindow({ from: '2026-12-10', to: '2026-12-12' }, { maxConsecutiveNights: 7, maxNightsPerFiscalYear: 20 })).toEqual({ from: '2026-12-03', to: '2026-12-19' });
  });

  it('refuses a policy whose consecutive limit is above its yearly limit', () => {
    expect(checkTrialPolicy({ maxConsecutiveNights: 31, maxNightsPerFiscalYear: 30 })).toEqual({ field: 'maxConsecutiveNights', kind: 'consecutive_above_yearly', max: 30 });
    expect(checkTrialPolicy({ maxConsecutiveNights: 30, maxNightsPerFiscalYear: 30 })).toBeNull();
    expect(checkTrialPolicy(DEFAULT_TRIAL_STAY_POLICY)).toBeNull();
  });

  it('refuses a stay that would pass 50 nights in the fiscal year, saying what remains', () => {
    const used = new Map([[2026, 38]]);
    expect(checkTrialStay('2026-12-01', '2026-12-14', used, DEFAULT_TRIAL_STAY_POLICY)).toEqual({
      kind: 'fiscal_year', fiscalYear: 2026, max: 50, used: 38, remaining: 12, requested: 13,
    });
    expect(checkTrialStay('2026-12-01', '2026-12-13', used, DEFAULT_TRIAL_STAY_POLICY)).toBeNull();
  });

  it('counts each fiscal year separately across April 1', () => {
    const used = new Map([[2025, 48], [2026, 0]]);
    // 3 nights in FY2025 (48 + 3 > 50) → refused for FY2025
    expect(checkTrialStay('2026-03-29', '2026-04-03', used, DEFAULT_TRIAL_STAY_POLICY)).toMatchObject({ kind: 'fiscal_year', fiscalYear: 2025, remaining: 2 });
    // 2 nights in FY2025 (48 + 2 = 50) and 3 in FY2026 → fine
    expect(checkTrialStay('2026-03-30', '2026-04-04', used, DEFAULT_TRIAL_STAY_POLICY)).toBeNull();
  });

  it('uses a municipality’s own limits', () => {
    expect(checkTrialStay('2026-12-01', '2026-12-11', none, { maxConsecutiveNights: 7, maxNightsPerFiscalYear: 20 })).toMatchObject({ kind: 'consecutive', max: 7 });
    expect(checkTrialStay('2026-12-01', '2026-12-01', none, DEFAULT_TRIAL_STAY_POLICY)).toEqual({ kind: 'empty' });
  });
});

describe('night ranges and the month calendar', () => {
  it('merges overlapping and touching ranges', () => {
    expect(mergeRanges([{ from: '2026-12-10', to: '2026-12-20' }, { from: '2026-12-01', to: '2026-12-10' }, { from: '2026-12-15', to: '2026-12-25' }, { from: '2027-01-05', to: '2027-01-05' }]))
      .toEqual([{ from: '2026-12-01', to: '2026-12-25' }]);
    expect(coversRange([{ from: '2026-12-01', to: '2026-12-05' }, { from: '2026-12-05', to: '2026-12-09' }], { from: '2026-12-03', to: '2026-12-08' })).toBe(true);
    expect(coversRange([{ from: '2026-12-01', to: '2026-12-05' }], { from: '2026-12-03', to: '2026-12-06' })).toBe(false);
  });

  it('marks an offered night without an available bed on the board as full', () => {
    const days = trialDays('2027-02', [{ from: '2027-02-01', to: '2027-02-10' }], [{ from: '2027-02-02', to: '2027-02-03', status: 'approved' }], new Set(['2027-02-02', '2027-02-05', '2027-02-20']));
    expect(days.slice(0, 6).map((d) => d.status)).toEqual(['open', 'booked', 'open', 'open', 'full', 'open']);
    expect(days[19].status).toBe('closed'); // not offered stays closed
  });

  it('groups nights into runs of consecutive nights', () => {
    expect(nightRuns(['2026-12-05', '2026-12-03', '2026-12-04', '2026-12-09', '2026-12-04'])).toEqual([
      { from: '2026-12-03', to: '2026-12-06' },
      { from: '2026-12-09', to: '2026-12-10' },
    ]);
    expect(nightRuns([])).toEqual([]);
  });

  it('marks each night closed, open, requested or booked', () => {
    const days = trialDays('2027-02', [{ from: '2027-02-01', to: '2027-02-10' }], [
      { from: '2027-02-02', to: '2027-02-04', status: 'approved' },
      { from: '2027-02-05', to: '2027-02-06', status: 'requested' },
    ]);
    expect(days).toHaveLength(28);
    expect(days.slice(0, 7).map((d) => d.status)).toEqual(['open', 'booked', 'booked', 'open', 'requested', 'open', 'open']);
    expect(days[9]).toEqual({ date: '2027-02-10', status: 'closed' });
  });
});
