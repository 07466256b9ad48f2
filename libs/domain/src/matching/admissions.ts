/**
 * Admissions status of a unit (issue 11, as the NHS Capacity Tracker has it): a provider marks a unit
 * 受入停止中 (an infection outbreak, no staff) until a time, with a reason, without touching its
 * vacancy figures; and says whether it can admit at night (夜間受入可). One rule for the matching, the
 * API's validation and the board: a pause counts only while its end is still ahead.
 */

/** The longest reason a coordinator reads on a card (units.admissions_pause_reason has the same CHECK). */
export const PAUSE_REASON_MAX = 200;
/** A pause is temporary: its end is set at most this far ahead (a typo of a year would hide a unit for good). */
export const PAUSE_MAX_DAYS = 365;

const DAY_MS = 86_400_000;

/** Whether a unit is 受入停止中 at `now`: paused until a time still ahead. */
export function admissionsPaused(pausedUntil: Date | string | null | undefined, now: Date): boolean {
  if (!pausedUntil) return false;
  const until = typeof pausedUntil === 'string' ? Date.parse(pausedUntil) : pausedUntil.getTime();
  return until > now.getTime();
}

export interface AdmissionsProblem {
  field: 'pausedUntil' | 'pauseReason';
  code: string;
  message: { ja: string; en: string };
}

/**
 * What is wrong with a pause as asked (empty when fine). A resumption (`pausedUntil` null) needs
 * nothing; a pause needs an end in the future, within PAUSE_MAX_DAYS, and a reason a coordinator can
 * read. Field names in 「」 are turned into their labels by the API (FIELD_LABELS).
 */
export function checkAdmissionsPause(pausedUntil: Date | null, reason: string, now: Date): AdmissionsProblem[] {
  if (!pausedUntil) return [];
  const problems: AdmissionsProblem[] = [];
  if (Number.isNaN(pausedUntil.getTime())) {
    problems.push({ field: 'pausedUntil', code: 'invalid', message: { ja: '「pausedUntil」は日時で指定してください', en: 'pausedUntil must be a date and time' } });
  } else if (pausedUntil.getTime() <= now.getTime()) {
    problems.push({ field: 'pausedUntil', code: 'not_future', message: { ja: '「pausedUntil」は現在より後の日時にしてください', en: 'pausedUntil must be in the future' } });
  } else if (pausedUntil.getTime() > now.getTime() + PAUSE_MAX_DAYS * DAY_MS) {
    problems.push({
      field: 'pausedUntil',
      code: 'too_far',
      message: { ja: `「pausedUntil」は${PAUSE_MAX_DAYS}日以内にしてください`, en: `pausedUntil must be within ${PAUSE_MAX_DAYS} days` },
    });
  }
  const text = reason.trim();
  if (!text) problems.push({ field: 'pauseReason', code: 'required', message: { ja: '「pauseReason」を入力してください', en: 'pauseReason is required' } });
  else if ([...text].length > PAUSE_REASON_MAX) {
    problems.push({ field: 'pauseReason', code: 'too_long', message: { ja: `「pauseReason」は${PAUSE_REASON_MAX}文字以内にしてください`, en: `pauseReason must be at most ${PAUSE_REASON_MAX} characters` } });
  }
  return problems;
}
