import { ErrorCode } from '@akiwa/contracts';
import { addDays, fiscalYearLabel, fiscalYearOf, formatSeireki, nightRuns, serviceNight, type TrialStayProblem } from '@akiwa/domain';
import { AppException } from '../common/errors/app.exception';
import { pgError } from '../common/errors/pg-error';

export const STAY = { ja: '体験利用', en: 'Trial stay' };
export const PERSON = { ja: '利用者', en: 'Person' };
export const TRIAL_UNIT = { ja: '体験利用の居室', en: 'Trial room' };

/** "2026年12月3日〜2026年12月5日、2026年12月9日": nights grouped into runs (each run's first and last night). */
export function describeNights(nights: readonly string[]): { ja: string; en: string } {
  const runs = nightRuns(nights).map((r) => ({ first: r.from, last: addDays(r.to, -1) }));
  return {
    ja: runs.map((r) => (r.first === r.last ? formatSeireki(r.first) : `${formatSeireki(r.first)}〜${formatSeireki(r.last)}`)).join('、'),
    en: runs.map((r) => (r.first === r.last ? r.first : `${r.first} to ${r.last}`)).join(', '),
  };
}

/** Another live stay of the room holds these nights. 409 naming them (`nights`: every night taken). */
export const alreadyBooked = (nights: readonly string[]) => {
  const named = describeNights(nights);
  const message = nights.length
    ? { ja: `${named.ja}の夜はすでに予約が入っています`, en: `the nights ${named.en} are already booked` }
    : { ja: '「入所日」〜「退所日」の期間はすでに予約が入っています', en: 'the nights from–to are already booked' };
  return new AppException(ErrorCode.Conflict, { ja: 'この期間はすでに予約が入っています', en: 'These nights are already booked' }, [
    { field: 'from', code: 'already_booked', message },
  ], { nights: [...nights] });
};

/** The unit has no bed left on these nights (emergency holds and placements, or the board says full). 409 naming them. */
export const noBedLeft = (nights: readonly string[]) => {
  const named = describeNights(nights);
  return new AppException(ErrorCode.Conflict, { ja: `${named.ja}の夜は空床がありません（緊急受入で確保済み、または満床）`, en: `No bed is left on ${named.en} (held for an emergency, or full)` }, [
    { field: 'from', code: 'no_bed_left', message: { ja: `${named.ja}の夜はこのユニットに空床がありません`, en: `the unit has no free bed on ${named.en}` } },
  ], { nights: [...nights] });
};

export const personElsewhere = () =>
  new AppException(ErrorCode.Conflict, { ja: 'この方は同じ期間に別の体験利用の予定があります', en: 'This person already has a trial stay on these nights' }, [
    { field: 'personId', code: 'person_busy', message: { ja: '「personId」の方は同じ期間に別の予定があります', en: 'personId already has a stay on these nights' } },
  ]);

export const notOffered = () =>
  new AppException(ErrorCode.Conflict, { ja: 'この期間は体験利用の受付期間外です', en: 'These nights are not open for trial stays' }, [
    { field: 'from', code: 'not_offered', message: { ja: '「from」〜「to」の期間は受付していません', en: 'the nights from–to are not offered' } },
  ]);

/** A policy limit, named with the figure and what remains. 422 policy_limit. */
/** `now`: the injected clock's (decides whether the fiscal year is 今年度). */
export function policyProblem(p: TrialStayProblem, now: Date): AppException {
  if (p.kind === 'empty') {
    return AppException.invalidField('to', 'before_from', { ja: '「to」（退所日）は「from」（入所日）より後の日付にしてください', en: 'to (day of leaving) must be after from' });
  }
  if (p.kind === 'consecutive') {
    const adjoining = p.consecutive > p.requested;
    const message = adjoining
      ? {
          ja: `体験利用は連続${p.max}泊までです。前後の体験利用と合わせると${formatSeireki(p.run.from)}から連続${p.consecutive}泊になります（${p.requested}泊を指定）`,
          en: `A trial stay may last at most ${p.max} consecutive nights; with the adjoining stays this makes ${p.consecutive} nights in a row from ${p.run.from} (${p.requested} requested)`,
        }
      : {
          ja: `1回の体験利用は連続${p.max}泊までです（${p.requested}泊を指定）`,
          en: `A trial stay may last at most ${p.max} consecutive nights (${p.requested} requested)`,
        };
    return new AppException(ErrorCode.PolicyLimit, message, [{ field: 'to', code: 'max_consecutive_nights', message }], {
      limit: p.max, requested: p.requested, consecutive: p.consecutive, run: p.run,
    });
  }
  const label = fiscalYearLabel(p.fiscalYear);
  const current = fiscalYearOf(serviceNight(now)) === p.fiscalYear;
  const message = {
    ja: `体験利用は年度あたり${p.max}泊までです。${current ? `今年度（${label}）` : label}の残りは${p.remaining}泊です（${p.requested}泊を指定）`,
    en: `Trial stays are limited to ${p.max} nights per fiscal year; ${p.remaining} remain in fiscal ${p.fiscalYear} (${p.requested} requested)`,
  };
  return new AppException(ErrorCode.PolicyLimit, message, [{ field: 'to', code: 'max_nights_per_fiscal_year', message }], {
    limit: p.max, used: p.used, remaining: p.remaining, fiscalYear: p.fiscalYear, requested: p.requested,
  });
}

export const wrongStatus = (status: string) =>
  new AppException(ErrorCode.Conflict, {
    ja: `この体験利用は現在「${STATUS_JA[status] ?? status}」のため、この操作はできません`,
    en: `This trial stay is ${status}; the action is not possible`,
  }, [], { currentStatus: status });

export const STATUS_JA: Record<string, string> = { requested: '申請中', approved: '承認済み', declined: '辞退', cancelled: '取消' };

/** The database's last word on a stay write. */
export function mapStayWriteError(e: unknown): never {
  const err = pgError(e);
  if (err?.constraint === 'trial_stays_bed_nights') throw noBedLeft(err.detail ? err.detail.split(',') : []);
  // the room lock and the check before the insert make this rare (a writer that skipped them)
  if (err?.constraint === 'trial_stays_no_double_booking') throw alreadyBooked([]);
  if (err?.constraint === 'trial_stays_person_one_place') throw personElsewhere();
  throw e;
}
