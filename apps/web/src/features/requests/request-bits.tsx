import type { PersonDetails, RequestNeeds, RequestStatus, Urgency } from '@akiwa/contracts';
import { useCallback } from 'react';
import { useGeography } from '../../hooks/use-geography';
import { municipalityLabel } from '../../lib/format';
import { useNow } from '../../lib/use-now';
import { useMunicipalityIndex } from '../admin/use-municipality-index';
import { useRequestTexts } from './i18n';
import './requests.css';

/** Age bands under 18: a request for them is a 障害児 request. */
export const CHILD_AGE_BANDS: readonly string[] = ['0-5', '6-11', '12-17'];

/** "12分30秒" until `target`; null once it has passed. */
export function useRemaining(target: string | null | undefined): { ms: number | null; text: string | null } {
  const { rt } = useRequestTexts();
  const now = useNow(1_000);
  if (!target) return { ms: null, text: null };
  const at = Date.parse(target);
  if (Number.isNaN(at)) return { ms: null, text: null };
  const ms = at - now;
  if (ms <= 0) return { ms: 0, text: rt('countdown.due') };
  const total = Math.floor(ms / 1_000);
  const h = Math.floor(total / 3_600);
  const m = Math.floor((total % 3_600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return { ms, text: h > 0 ? rt('countdown.hours', { h, m, s }) : rt('countdown.minutes', { m, s }) };
}

/** Municipality code → its name in the current language (a ward with its city). */
export function useMunicipalityName(): (code: string) => string {
  const geography = useGeography();
  const index = useMunicipalityIndex(geography.data);
  const { lang } = useRequestTexts();
  return useCallback(
    (code: string) => {
      const m = index.byCode.get(code);
      return m ? municipalityLabel(m, index.byCode, lang) : code;
    },
    [index, lang],
  );
}

export function UrgencyBadge({ urgency }: { urgency: Urgency }) {
  const { rt } = useRequestTexts();
  return <span className={`badge urgency urgency--${urgency}`}>{rt(`urgency.${urgency}`)}</span>;
}

export function StatusBadge({ status, testId }: { status: RequestStatus; testId?: string }) {
  const { rt } = useRequestTexts();
  return (
    <span className={`badge request-status request-status--${status}`} data-testid={testId} data-status={status}>
      {rt(`status.${status}`)}
    </span>
  );
}

/** The de-identified needs as short phrases, in the order a provider reads them. */
export function useNeedsPhrases(): (needs: RequestNeeds) => {
  age: string;
  gender: string;
  categories: string;
  supportLevel: string;
  specialNeeds: string;
} {
  const { rt, t } = useRequestTexts();
  return useCallback(
    (needs: RequestNeeds) => ({
      age: rt(`ageBand.${needs.ageBand}`),
      gender: t(`gender.${needs.gender}`),
      categories: [...needs.categories.map((c) => t(`category.${c}`)), ...(needs.child ? [rt('child')] : [])].join('・'),
      supportLevel:
        needs.supportLevel === null ? rt('supportLevelUnknown') : needs.supportLevel === 0 ? t('supportLevel.0') : t('supportLevel.level', { level: needs.supportLevel }),
      specialNeeds: needs.specialNeeds.length ? needs.specialNeeds.map((n) => t(`need.${n}`)).join('・') : rt('none'),
    }),
    [rt, t],
  );
}

/** One line: "30〜49歳・男性・知的・区分4・医療的ケア". */
export function useNeedsLine(): (needs: RequestNeeds) => string {
  const phrases = useNeedsPhrases();
  return useCallback(
    (needs: RequestNeeds) => {
      const p = phrases(needs);
      return [p.age, p.gender, p.categories, p.supportLevel, ...(needs.specialNeeds.length ? [p.specialNeeds] : [])].join('・');
    },
    [phrases],
  );
}

const PERSON_FIELDS = ['name', 'nameKana', 'birthDate', 'address', 'phone', 'emergencyContact', 'wishes', 'medicalNotes'] as const;

export function PersonDetailsList({ person }: { person: PersonDetails }) {
  const { rt } = useRequestTexts();
  return (
    <dl className="request-facts">
      {PERSON_FIELDS.filter((field) => person[field]).map((field) => (
        <div key={field}>
          <dt>{rt(`person.${field}`)}</dt>
          <dd>
            {field === 'phone' ? (
              <a className="tel-link" href={`tel:${person.phone!.replace(/[^\d+]/g, '')}`}>
                {person.phone}
              </a>
            ) : (
              person[field]
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** `tel:` needs the digits only; the label keeps what the provider wrote ("0964-00-1111（夜間 …）"). */
export function telHref(contact: string): string {
  const first = /[+\d][\d\-() ]{5,}/.exec(contact)?.[0] ?? contact;
  return `tel:${first.replace(/[^\d+]/g, '')}`;
}
