import { ErrorAlert } from '../../components/alerts';
import { useApiError } from '../../hooks/use-api-error';
import { useTrialLive } from '../../hooks/use-trial-live';
import { useTrialStays } from '../../hooks/use-trial-stays';
import { useMyUnits } from '../../hooks/use-units';
import { serviceNight } from '../../lib/dates';
import { usePageTitle } from '../../lib/use-page-title';
import { useSessionUser } from '../auth/session-store';
import { monthOf } from './dates';
import { useTrialTexts } from './i18n';
import { OfferEditor } from './offer-editor';
import { StayCard } from './stay-table';
import { TrialCalendar } from './trial-calendar';
import { WaitingListPanel, WaitingPromptsBanner } from './waiting-list-panel';

/** 体験利用: a group home approves or declines trial stays, keeps its openings and its waiting list. */
export function ProviderTrialStaysPage() {
  const { tt } = useTrialTexts();
  usePageTitle(tt('providerTitle'));
  const user = useSessionUser();
  const organisationId = user.organisation.id;
  useTrialLive(organisationId);
  const apiError = useApiError();
  const stays = useTrialStays(organisationId, {});
  const units = useMyUnits(organisationId);
  const trialUnits = (units.data?.items ?? []).filter((u) => u.serviceType.startsWith('group_home_') && !u.retiredAt);
  const requested = stays.data?.items.filter((s) => s.status === 'requested') ?? [];
  const upcoming = stays.data?.items.filter((s) => s.status === 'approved' && s.to > serviceNight(new Date())) ?? [];

  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{tt('providerTitle')}</h1>
        <p className="page-lead">{tt('providerLead')}</p>
      </header>
      <WaitingPromptsBanner organisationId={organisationId} />
      {stays.error ? <ErrorAlert>{apiError.message(stays.error)}</ErrorAlert> : null}
      <section className="trial-section" aria-labelledby="trial-inbox-title">
        <h2 id="trial-inbox-title">{tt('inbox')}</h2>
        {stays.data && requested.length === 0 ? <p className="notice">{tt('noRequests')}</p> : null}
        <ul className="trial-stay-list" aria-label={tt('inbox')}>
          {requested.map((stay) => (
            <li key={stay.id}>
              <StayCard stay={stay} side="provider" />
            </li>
          ))}
        </ul>
      </section>
      <section className="trial-section" aria-labelledby="trial-upcoming-title">
        <h2 id="trial-upcoming-title">{tt('upcoming')}</h2>
        <ul className="trial-stay-list" aria-label={tt('upcoming')}>
          {upcoming.map((stay) => (
            <li key={stay.id}>
              <StayCard stay={stay} side="provider" />
            </li>
          ))}
        </ul>
      </section>
      <section className="card trial-section" aria-labelledby="trial-home-calendar-title">
        <h2 id="trial-home-calendar-title">{tt('homeCalendar')}</h2>
        <TrialCalendar initialMonth={monthOf(serviceNight(new Date()))} organisationId={organisationId} title={tt('homeCalendar')} />
      </section>
      {units.data ? <OfferEditor units={trialUnits} /> : null}
      <WaitingListPanel organisationId={organisationId} />
    </section>
  );
}
