import type { GrantedDays, GrantedDaysStatus, GrantedMonthStatus } from '@akiwa/contracts';
import { addDays } from '../vacancy/nights';

/** The calendar days a stay uses: from its first night to the morning after its last. */
export function shortStayDays(stay: Stay): string[] {
  if (stay.nights <= 0) return [];
  return Array.from({ length: stay.nights + 1 }, (_, i) => addDays(stay.from, i));
}

/**
 * 支給量 (short-stay days granted per month on the 受給者証) against the stays already placed.
 *
 * 短期入所 is counted in days present, the day of arrival and the day of leaving both counting:
 * a stay of N nights uses N + 1 days, and back-to-back stays share the day between them (a day is
 * counted once however many stays touch it). Each calendar month has its own allowance, so a stay
 * over a month end is checked month by month.
 */
export function grantedDaysStatus(granted: GrantedDays, placed: Stay[], stay: Stay): GrantedDaysStatus {
  const usedDays = new Set(placed.flatMap(shortStayDays));
  const stayDays = shortStayDays(stay);
  const months = [...new Set(stayDays.map((d) => d.slice(0, 7)))].map((month): GrantedMonthStatus => {
    const used = [...usedDays].filter((d) => d.startsWith(month)).length;
    const added = stayDays.filter((d) => d.startsWith(month) && !usedDays.has(d)).length;
    return {
      month,
      granted: granted.daysPerMonth,
      used,
      stay: added,
      remaining: Math.max(0, granted.daysPerMonth - used),
      exceeds: used + added > granted.daysPerMonth,
    };
  });
  const outsidePeriod = stayDays.filter((d) => (granted.from && d < granted.from) || (granted.to && d > granted.to));
  return { daysPerMonth: granted.daysPerMonth, months, exceeds: months.some((m) => m.exceeds), outsidePeriod };
}

export interface Stay {
  from: string;
  nights: number;
}
