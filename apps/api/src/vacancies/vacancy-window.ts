import { addDays, daysBetween } from '@akiwa/domain';
import { AppException } from '../common/errors/app.exception';
import { MAX_DAYS_AHEAD, MAX_RANGE_NIGHTS } from './vacancy.dto';
import { CommonTexts, VacancyTexts } from '../common/errors/texts';

/** Nights shown by default: tonight and the next 30. */
export const DEFAULT_WINDOW_DAYS = 30;

/** From 「今夜」 (`tonight`: the service night in progress, see ServiceNights). */
export function defaultWindow(tonight: string): { from: string; to: string } {
  const from = tonight;
  return { from, to: addDays(from, DEFAULT_WINDOW_DAYS) };
}

/** A readable window: `to` not before `from`, at most 90 nights. */
export function checkWindow(from: string, to: string, fromField = 'from', toField = 'to'): void {
  const span = daysBetween(from, to);
  if (span < 0) {
    throw AppException.invalidField(toField, 'before_from', VacancyTexts.toBeforeFrom(toField, fromField));
  }
  if (span + 1 > MAX_RANGE_NIGHTS) {
    throw AppException.invalidField(toField, 'too_many_nights', VacancyTexts.tooManyNights(toField, fromField, MAX_RANGE_NIGHTS));
  }
}

/** A night that may be written: tonight (the service night in progress) up to a year ahead (past nights are history). */
export function checkWritableNight(night: string, field: string, tonight: string): void {
  const today = tonight;
  if (daysBetween(today, night) < 0) {
    throw AppException.invalidField(field, 'past_night', CommonTexts.pastNight(field));
  }
  if (daysBetween(today, night) > MAX_DAYS_AHEAD) {
    throw AppException.invalidField(field, 'too_far_ahead', VacancyTexts.tooFarAhead(field, MAX_DAYS_AHEAD));
  }
}
