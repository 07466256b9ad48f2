import type { Freshness, VacancyPolicy } from '@akiwa/contracts';
import { FRESHNESS_RANK } from '@akiwa/domain';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { daysBetween, serviceNight } from '../../lib/dates';
import { useNow } from '../../lib/use-now';
import { freshnessOf } from '../../lib/vacancies';
import { useVacancyPolicy } from '../../hooks/use-vacancy-policy';

/** "3分前に確認", "2時間前に確認", "昨日確認", "5日前に確認" (Japan's calendar decides "yesterday"). */
export function confirmedAgo(t: TFunction, confirmedAt: string, now: number): string {
  const minutes = Math.floor((now - Date.parse(confirmedAt)) / 60_000);
  if (minutes < 1) return t('freshness.justNow');
  if (minutes < 60) return t('freshness.minutes', { count: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return t('freshness.hours', { count: hours });
  const days = daysBetween(serviceNight(new Date(confirmedAt)), serviceNight(new Date(now)));
  return days <= 1 ? t('freshness.yesterday') : t('freshness.days', { count: days });
}

/** Freshness only worsens as time passes: the worse of the server's verdict and the clock's. */
export function effectiveFreshness(freshness: Freshness, confirmedAt: string | null, now: number, policy: VacancyPolicy): Freshness {
  const clock = freshnessOf(confirmedAt, policy, now);
  return FRESHNESS_RANK[clock] > FRESHNESS_RANK[freshness] ? clock : freshness;
}

interface FreshnessBadgeProps {
  confirmedAt: string | null;
  freshness: Freshness;
}

/** When the figures were last confirmed, in words and colour (never colour alone). */
export function FreshnessBadge({ confirmedAt, freshness }: FreshnessBadgeProps) {
  const { t } = useTranslation();
  const now = useNow();
  const policy = useVacancyPolicy();
  const level = effectiveFreshness(freshness, confirmedAt, now, policy);
  const ago = confirmedAt ? confirmedAgo(t, confirmedAt, now) : null;
  let text: string;
  if (level === 'fresh') text = ago ?? t('freshness.never');
  else if (level === 'stale') text = ago ? t('freshness.staleAgo', { ago }) : t('freshness.stale');
  else text = confirmedAt ? t('freshness.unknown') : t('freshness.never');
  return (
    <span className={`badge freshness freshness--${level}`} data-testid="freshness" data-freshness={level}>
      <span className="freshness-icon" aria-hidden="true">
        {level === 'fresh' ? '✓' : '⚠'}
      </span>
      {text}
    </span>
  );
}
