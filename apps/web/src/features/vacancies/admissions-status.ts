import type { AdmissionsStatus } from '@akiwa/contracts';
import { admissionsPaused } from '@akiwa/domain';

/** The service's clock is Japan's: an end time typed on any phone means that time in Japan. */
const JST_OFFSET_MS = 9 * 3_600_000;

/** `YYYY-MM-DDTHH:mm` (a datetime-local input's value) → an ISO time in Japan (+09:00). */
export function fromJstInput(value: string): string | null {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value) ? `${value}:00+09:00` : null;
}

/** An instant → the datetime-local value that shows it in Japan. */
export function toJstInput(at: Date): string {
  return new Date(at.getTime() + JST_OFFSET_MS).toISOString().slice(0, 16);
}

/** A pause's default end: tomorrow at 10:00 in Japan (when the service night ends). */
export function defaultPauseEnd(now: Date): string {
  const tomorrow = new Date(now.getTime() + JST_OFFSET_MS + 86_400_000).toISOString().slice(0, 10);
  return `${tomorrow}T10:00`;
}

/** What the board and the provider's card show: 受入停止中 (while its end is ahead) and 夜間受入不可. */
export function admissionsBadges(unit: AdmissionsStatus, now: Date): { paused: boolean; noNight: boolean } {
  return { paused: admissionsPaused(unit.admissionsPausedUntil, now), noNight: !unit.nightAdmission };
}
