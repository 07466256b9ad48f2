import { type ProviderPhotoView, type ProviderProfileView } from '@akiwa/contracts';
import { useTranslation } from 'react-i18next';
import { usePhotoUrl } from '../../hooks/use-provider-profile';
import { useFieldLabel } from '../../lib/i18n';

function Photo({ organisationId, photo, name }: { organisationId: string; photo: ProviderPhotoView; name: string }) {
  const { t } = useTranslation();
  const url = usePhotoUrl(organisationId, photo.id);
  return (
    <figure className="profile-photo" data-testid="profile-photo">
      {url ? <img src={url} width={photo.width} height={photo.height} alt={photo.caption || t('profile.photoAlt', { name })} /> : <div className="profile-photo-placeholder" aria-hidden="true" />}
      {photo.caption ? <figcaption>{photo.caption}</figcaption> : null}
    </figure>
  );
}

/** The profile as coordinators and officers read it (and the provider, below its form). */
export function ProfileView({ profile }: { profile: ProviderProfileView }) {
  const { t } = useTranslation();
  const label = useFieldLabel();
  const text = (value: string) => value || t('profile.notSet');
  const yen = (amount: number | null) => (amount === null ? t('profile.notSet') : t('profile.yen', { amount: amount.toLocaleString('ja-JP') }));
  const rows: [string, string, string?][] = [
    ['officeNumber', profile.officeNumber ?? t('profile.notSet')],
    ['address', [profile.postalCode && `〒${profile.postalCode}`, profile.address].filter(Boolean).join(' ') || t('profile.notSet')],
    ['nearestStation', text(profile.nearestStation)],
    ['access', text(profile.access)],
    ['phone', text(profile.phone)],
    ['hours', text(profile.hours)],
  ];
  const n = profile.addressNormalised;
  return (
    <div className="profile-view" data-testid="profile-view">
      <section className="card" aria-labelledby="profile-basic">
        <h2 id="profile-basic">{t('profile.sections.basic')}</h2>
        <dl className="profile-list">
          {rows.map(([field, value]) => (
            <div key={field} data-field={field}>
              <dt>{label(field)}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
        {profile.address ? <p className="field-hint">{n ? t('profile.normalised', { text: `${n.pref}${n.city}${n.town}${n.rest}` }) : t('profile.notNormalised')}</p> : null}
      </section>
      <section className="card" aria-labelledby="profile-fees">
        <h2 id="profile-fees">{t('profile.sections.fees')}</h2>
        <dl className="profile-list">
          <div data-field="feePerNight">
            <dt>{label('feePerNight')}</dt>
            <dd>
              {yen(profile.feePerNight)}
              {profile.feePerNightIncludes ? <span className="profile-includes">{t('profile.includes', { text: profile.feePerNightIncludes })}</span> : null}
            </dd>
          </div>
          <div data-field="feePerMonth">
            <dt>{label('feePerMonth')}</dt>
            <dd>
              {yen(profile.feePerMonth)}
              {profile.feePerMonthIncludes ? <span className="profile-includes">{t('profile.includes', { text: profile.feePerMonthIncludes })}</span> : null}
            </dd>
          </div>
        </dl>
      </section>
      <section className="card" aria-labelledby="profile-care">
        <h2 id="profile-care">{t('profile.sections.care')}</h2>
        <dl className="profile-list">
          <div data-field="transportArea">
            <dt>{label('transportArea')}</dt>
            <dd>{text(profile.transportArea)}</dd>
          </div>
          <div data-field="transportHours">
            <dt>{label('transportHours')}</dt>
            <dd>{text(profile.transportHours)}</dd>
          </div>
          <div data-field="nightStaffing">
            <dt>{label('nightStaffing')}</dt>
            <dd>
              {profile.nightStaffing ? t(`profile.nightStaffing.${profile.nightStaffing}`) : t('profile.notSet')}
              {profile.nightStaffingNote ? `（${profile.nightStaffingNote}）` : ''}
            </dd>
          </div>
          <div data-field="medical">
            <dt>{label('medical')}</dt>
            <dd>
              {profile.medical.length ? profile.medical.map((m) => t(`profile.medicalCapability.${m}`)).join('・') : t('profile.notSet')}
              {profile.medicalNote ? `（${profile.medicalNote}）` : ''}
            </dd>
          </div>
          <div data-field="wheelchair">
            <dt>{label('wheelchair')}</dt>
            <dd>{t(profile.wheelchair ? 'profile.yes' : 'profile.no')}</dd>
          </div>
          <div data-field="machineBath">
            <dt>{label('machineBath')}</dt>
            <dd>{t(profile.machineBath ? 'profile.yes' : 'profile.no')}</dd>
          </div>
        </dl>
      </section>
      <section className="card" aria-labelledby="profile-about">
        <h2 id="profile-about">{t('profile.sections.about')}</h2>
        <p className="profile-description">{text(profile.description)}</p>
        <h3>{t('profile.sections.photos')}</h3>
        {profile.photos.length ? (
          <div className="profile-photos">
            {profile.photos.map((photo) => (
              <Photo key={photo.id} organisationId={profile.organisationId} photo={photo} name={profile.organisationName} />
            ))}
          </div>
        ) : (
          <p>{t('profile.none')}</p>
        )}
      </section>
    </div>
  );
}
