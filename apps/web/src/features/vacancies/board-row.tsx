import type { MunicipalityView, VacancySearchHit } from '@akiwa/contracts';
import { useState } from 'react';
import { Link } from 'react-router';
import { Paths } from '../layout/navigation';
import { useTranslation } from 'react-i18next';
import type { VacancySearchScope } from '../../api/query-keys';
import { ErrorAlert } from '../../components/alerts';
import { useApiError } from '../../hooks/use-api-error';
import { useUnitVacancies } from '../../hooks/use-vacancies';
import { boardWindow } from '../../hooks/use-vacancy-live';
import { useVacancyPolicy } from '../../hooks/use-vacancy-policy';
import { municipalityLabel } from '../../lib/format';
import { currentLanguage } from '../../lib/i18n';
import { useNow } from '../../lib/use-now';
import { formatDateTime } from '../../lib/format';
import { admissionsBadges } from './admissions-status';
import { effectiveFreshness, FreshnessBadge } from './freshness-badge';
import { VacancyGrid } from './vacancy-grid';

/** The first phone number in a free-text contact ("0964-00-0000（夜間は携帯 090-…）"). */
export function telHref(contact: string): string | null {
  const match = /\+?\d[\d\s()-]{7,}\d/.exec(contact.normalize('NFKC'));
  return match ? `tel:${match[0].replace(/[^\d+]/g, '')}` : null;
}

interface BoardRowProps {
  hit: VacancySearchHit;
  scope: VacancySearchScope;
  changed: boolean;
  byCode: ReadonlyMap<string, MunicipalityView>;
}

export function BoardRow({ hit, scope, changed, byCode }: BoardRowProps) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const apiError = useApiError();
  const now = useNow();
  const policy = useVacancyPolicy();
  const [open, setOpen] = useState(false);
  const window = boardWindow(scope);
  const nights = useUnitVacancies(hit.unit.id, window, open);
  const level = effectiveFreshness(hit.freshness, hit.confirmedAt, now, policy);
  const municipality = byCode.get(hit.unit.municipalityCode);
  const tel = telHref(hit.unit.contact24h);
  const gridId = `nights-${hit.unit.id}`;
  const titleId = `hit-${hit.unit.id}`;
  const distance = Math.min(3, Math.max(0, hit.distance)) as 0 | 1 | 2 | 3;
  const { paused, noNight } = admissionsBadges(hit.unit, new Date(now));

  return (
    <li
      className={`card vacancy-row vacancy-row--${level}${paused ? ' vacancy-row--paused' : ''}${changed ? ' is-changed' : ''}`}
      data-testid="vacancy-row"
      data-unit-id={hit.unit.id}
      data-changed={changed ? 'true' : undefined}
      data-paused={paused ? 'true' : undefined}
      aria-labelledby={titleId}
    >
      <div className="vacancy-row-main">
        <h3 id={titleId} className="vacancy-row-title">
          {hit.unit.name}
        </h3>
        <p className="vacancy-row-provider">
          <Link to={Paths.profile(hit.unit.organisationId)} data-testid="profile-link">
            {hit.unit.organisationName}
          </Link>
        </p>
        <p className="vacancy-row-meta">
          {municipality ? municipalityLabel(municipality, byCode, language) : hit.unit.municipalityCode}
          <span className="badge badge--muted">{t(`board.distance${distance}`)}</span>
        </p>
        <p className="vacancy-row-meta">{t(`serviceType.${hit.unit.serviceType}`)}</p>
        <p className="vacancy-row-tags">
          {hit.unit.emergencyOk ? <span className="badge badge--ok">{t('board.emergency')}</span> : null}
          {hit.unit.trialOk ? <span className="badge badge--info">{t('board.trial')}</span> : null}
          {noNight ? <span className="badge badge--warning" data-testid="no-night">{t('board.noNight')}</span> : null}
          {hit.unit.roomGender !== 'either' ? (
            <span className="badge badge--muted">{t(`roomGender.${hit.unit.roomGender}`)}</span>
          ) : null}
        </p>
        {paused ? (
          <div className="vacancy-row-paused" data-testid="admissions-paused">
            <p className="vacancy-row-paused-line">
              <span className="badge badge--danger">{t('board.pausedBadge')}</span>{' '}
              {t('board.pausedUntil', { until: formatDateTime(hit.unit.admissionsPausedUntil!, language) })}
            </p>
            {hit.unit.admissionsPauseReason ? <p className="vacancy-row-paused-reason">{hit.unit.admissionsPauseReason}</p> : null}
            <p className="vacancy-row-paused-note">{t('board.pausedNote')}</p>
          </div>
        ) : null}
      </div>
      <div className="vacancy-row-side">
        <p className="vacancy-available">
          <span className="vacancy-available-label">{t('board.available')}</span>
          <strong className="vacancy-available-count" data-testid="vacancy-available">
            {hit.available}
          </strong>
          <span className="vacancy-available-unit">{t('vacancies.bedsUnit')}</span>
          {changed ? <span className="visually-hidden">{t('board.updated')}</span> : null}
        </p>
        <FreshnessBadge confirmedAt={hit.confirmedAt} freshness={hit.freshness} />
        {level !== 'fresh' ? <p className="vacancy-row-stale-note">{t('board.staleNote')}</p> : null}
        {tel ? (
          <a className="button button--secondary tel-link" href={tel} aria-label={t('board.call', { contact: hit.unit.contact24h })}>
            <span aria-hidden="true">☎</span> {hit.unit.contact24h}
          </a>
        ) : (
          <p className="vacancy-row-meta">{hit.unit.contact24h || t('board.noContact')}</p>
        )}
      </div>
      <div className="vacancy-row-nights">
        <button
          type="button"
          className="button button--toggle-nights"
          aria-expanded={open}
          aria-controls={gridId}
          onClick={() => setOpen((o) => !o)}
        >
          {open ? t('board.hideNights') : t('board.showNights')}
        </button>
        <div id={gridId} hidden={!open}>
          {open && nights.isPending ? <p role="status">{t('app.loading')}</p> : null}
          {open && nights.error ? <ErrorAlert>{apiError.message(nights.error)}</ErrorAlert> : null}
          {open && nights.data ? <VacancyGrid data={nights.data} window={window} caption={`${hit.unit.name}：${t('grid.caption')}`} /> : null}
        </div>
      </div>
    </li>
  );
}
