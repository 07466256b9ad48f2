import { ErrorCode } from '@akiwa/contracts';
import { fiscalYearOf, serviceNight, type TrialStayProblem } from '@akiwa/domain';
import { AppException } from '../common/errors/app.exception';
import { pgError } from '../common/errors/pg-error';
import { TrialStayTexts } from '../common/errors/texts';

/** Another live stay of the room holds these nights. 409 naming them (`nights`: every night taken). */
export const alreadyBooked = (nights: readonly string[]) => {
  const message = nights.length ? TrialStayTexts.nightsBooked(nights) : TrialStayTexts.periodBooked;
  return new AppException(ErrorCode.Conflict, TrialStayTexts.alreadyBooked, [
    { field: 'from', code: 'already_booked', message },
  ], { nights: [...nights] });
};

/** The unit has no bed left on these nights (emergency holds and placements, or the board says full). 409 naming them. */
export const noBedLeft = (nights: readonly string[]) =>
  new AppException(ErrorCode.Conflict, TrialStayTexts.noBedLeft(nights), [
    { field: 'from', code: 'no_bed_left', message: TrialStayTexts.noBedLeftField(nights) },
  ], { nights: [...nights] });

export const personElsewhere = () =>
  new AppException(ErrorCode.Conflict, TrialStayTexts.personElsewhere, [
    { field: 'personId', code: 'person_busy', message: TrialStayTexts.personElsewhereField },
  ]);

export const notOffered = () =>
  new AppException(ErrorCode.Conflict, TrialStayTexts.notOffered, [
    { field: 'from', code: 'not_offered', message: TrialStayTexts.notOfferedField },
  ]);

/** A policy limit, named with the figure and what remains. 422 policy_limit. */
/** `now`: the injected clock's (decides whether the fiscal year is 今年度). */
export function policyProblem(p: TrialStayProblem, now: Date): AppException {
  if (p.kind === 'empty') {
    return AppException.invalidField('to', 'before_from', TrialStayTexts.empty);
  }
  if (p.kind === 'consecutive') {
    const message = p.consecutive > p.requested
      ? TrialStayTexts.consecutiveWithAdjoining(p.max, p.run.from, p.consecutive, p.requested)
      : TrialStayTexts.consecutive(p.max, p.requested);
    return new AppException(ErrorCode.PolicyLimit, message, [{ field: 'to', code: 'max_consecutive_nights', message }], {
      limit: p.max, requested: p.requested, consecutive: p.consecutive, run: p.run,
    });
  }
  const current = fiscalYearOf(serviceNight(now)) === p.fiscalYear;
  const message = TrialStayTexts.perFiscalYear(p.max, p.fiscalYear, current, p.remaining, p.requested);
  return new AppException(ErrorCode.PolicyLimit, message, [{ field: 'to', code: 'max_nights_per_fiscal_year', message }], {
    limit: p.max, used: p.used, remaining: p.remaining, fiscalYear: p.fiscalYear, requested: p.requested,
  });
}

export const wrongStatus = (status: string) =>
  new AppException(ErrorCode.Conflict, TrialStayTexts.wrongStatus(status), [], { currentStatus: status });

/** The database's last word on a stay write. */
export function mapStayWriteError(e: unknown): never {
  const err = pgError(e);
  if (err?.constraint === 'trial_stays_bed_nights') throw noBedLeft(err.detail ? err.detail.split(',') : []);
  // the room lock and the check before the insert make this rare (a writer that skipped them)
  if (err?.constraint === 'trial_stays_no_double_booking') throw alreadyBooked([]);
  if (err?.constraint === 'trial_stays_person_one_place') throw personElsewhere();
  throw e;
}
