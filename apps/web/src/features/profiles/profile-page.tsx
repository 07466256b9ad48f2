import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ErrorAlert } from '../../components/alerts';
import { useApiError } from '../../hooks/use-api-error';
import { useProviderProfile } from '../../hooks/use-provider-profile';
import { usePageTitle } from '../../lib/use-page-title';
import { ProfileView } from './profile-view';

/** 事業所の情報: any role that may read it (linked from the board, the calendar and the request page). */
export function ProfilePage() {
  const { t } = useTranslation();
  const { organisationId } = useParams<{ organisationId: string }>();
  const profile = useProviderProfile(organisationId);
  const apiError = useApiError();
  usePageTitle(profile.data ? `${profile.data.organisationName}｜${t('profile.title')}` : t('profile.title'));
  return (
    <section className="page profile-page" aria-labelledby="page-title">
      <header className="page-header">
        <p className="page-kicker">{t('profile.title')}</p>
        <h1 id="page-title">{profile.data?.organisationName ?? t('profile.title')}</h1>
        {profile.data ? <p className="badge badge--muted">{t(profile.data.public ? 'profile.publicOn' : 'profile.publicOff')}</p> : null}
      </header>
      {profile.error ? <ErrorAlert>{apiError.message(profile.error)}</ErrorAlert> : null}
      {profile.isPending ? <p role="status">{t('app.loading')}</p> : null}
      {profile.data ? <ProfileView profile={profile.data} /> : null}
    </section>
  );
}
