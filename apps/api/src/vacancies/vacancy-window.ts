import { addDays, daysBetween } from '@akiwa/domain';
import { AppException } from '../common/errors/app.exception';
import { MAX_DAYS_AHEAD, MAX_RANGE_NIGHTS } from './vacancy.dto';

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
    throw AppException.invalidField(toField, 'before_from', {
      ja: `「${toField}」は「${fromField}」以降の日付にしてください`,
      en: `${toField} must not be before ${fromField}`,
    });
  }
  if (span + 1 > MAX_RANGE_NIGHTS) {
    throw AppException.invalidField(toField, 'too_many_nights', {
      ja: `「${toField}」までの期間は${MAX_RANGE_NIGHTS}泊以内にしてください`,
      en: `${toField} must be within ${MAX_RANGE_NIGHTS} nights of ${fromField}`,
    });
  }
}

/** A night that may be written: tonight (the service night in progress) up to a year ahead (past nights are history). */
export function checkWritableNight(night: string, field: string, tonight: string): void {
  const today = tonight;
  if (daysBetween(today, night) < 0) {
    throw AppException.invalidField(field, 'past_night', { ja: `「${field}」に過去の日付は指定できません`, en: `${field} must not be in the past` });
  }
  if (daysBetween(today, night) > MAX_DAYS_AHEAD) {
    throw AppException.invalidField(field, 'too_far_ahead', {
      ja: `「${field}」は${MAX_DAYS_AHEAD}日先までにしてください`,
      en: `${field} must be within ${MAX_DAYS_AHEAD} days from today`,
    });
  }
}
