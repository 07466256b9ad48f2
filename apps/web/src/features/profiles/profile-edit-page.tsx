import {
  MedicalCapability,
  NightStaffing,
  type ProviderProfileFields,
  type ProviderProfileView,
} from '@akiwa/contracts';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError, conflictCurrent } from '../../api/client';
import { ErrorAlert } from '../../components/alerts';
import { Checkbox, CheckboxGroup, SelectField, TextAreaField, TextField } from '../../components/form-field';
import { useApiError } from '../../hooks/use-api-error';
import { useDeleteProviderPhoto, useProviderProfile, useSaveProviderProfile, useUploadProviderPhoto } from '../../hooks/use-provider-profile';
import { currentLanguage, useFieldLabel } from '../../lib/i18n';
import { usePageTitle } from '../../lib/use-page-title';
import { useSessionUser } from '../auth/session-store';
import { Paths } from '../layout/navigation';
import { ProfileView } from './profile-view';

type Form = Omit<ProviderProfileFields, 'officeNumber' | 'feePerNight' | 'feePerMonth'> & { officeNumber: string; feePerNight: string; feePerMonth: string };

/** The editable fields only (the view also carries the organisation, the normalised address, photos…). */
const toForm = ({ organisationId: _o, organisationName: _n, addressNormalised: _a, photos: _p, version: _v, updatedAt: _u, ...p }: ProviderProfileView): Form => ({
  ...p,
  officeNumber: p.officeNumber ?? '',
  feePerNight: p.feePerNight === null ? '' : String(p.feePerNight),
  feePerMonth: p.feePerMonth === null ? '' : String(p.feePerMonth),
});

/** An empty number field is "not given" (null); anything else goes as typed, for the server to judge. */
const amount = (value: string): number | null => (value.trim() === '' ? null : Number(value.normalize('NFKC').replace(/[,，円]/g, '')));

/** 事業所の情報の編集 (provider staff): the whole profile, then photos. */
export function ProfileEditPage() {
  const { t } = useTranslation();
  usePageTitle(t('profile.editTitle'));
  const lang = currentLanguage();
  const user = useSessionUser();
  const organisationId = user.organisation.id;
  const profile = useProviderProfile(organisationId);
  const save = useSaveProviderProfile(organisationId);
  const upload = useUploadProviderPhoto(organisationId);
  const remove = useDeleteProviderPhoto(organisationId);
  const apiError = useApiError();
  const label = useFieldLabel();
  const [form, setForm] = useState<Form | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [caption, setCaption] = useState('');
  const [saved, setSaved] = useState(false);

  // the form starts from the profile once it has loaded; later it is replaced only by a save's answer or a 409's current version
  useEffect(() => {
    if (profile.data) setForm((f) => f ?? toForm(profile.data!));
  }, [profile.data]);

  if (!form || !profile.data) {
    return <section className="page">{profile.error ? <ErrorAlert>{apiError.message(profile.error)}</ErrorAlert> : <p role="status">{t('app.loading')}</p>}</section>;
  }
  const set = <K extends keyof Form>(key: K, value: Form[K]) => {
    setSaved(false);
    setForm((f) => f && { ...f, [key]: value });
  };
  const errors: Record<string, string> = {};
  if (save.error instanceof ApiError) for (const d of save.error.body.details) errors[d.field] ??= d.message[lang];
  const conflict = save.error ? conflictCurrent<ProviderProfileView>(save.error) : undefined;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(
      { ...form, officeNumber: form.officeNumber.trim() || null, feePerNight: amount(form.feePerNight), feePerMonth: amount(form.feePerMonth), version: profile.data!.version },
      {
        onSuccess: (next) => {
          setForm(toForm(next));
          setSaved(true);
        },
        onError: (error) => {
          const current = conflictCurrent<ProviderProfileView>(error);
          if (current) setForm(toForm(current));
        },
      },
    );
  };
  const text = (field: keyof Form & string, opts: { type?: 'text' | 'tel'; inputMode?: 'numeric' | 'tel' | 'text'; hint?: string } = {}) => (
    <TextField label={label(field)} name={field} value={String(form[field])} onChange={(v) => set(field, v as never)} error={errors[field]} {...opts} />
  );

  return (
    <section className="page profile-edit-page" aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{t('profile.editTitle')}</h1>
        <p className="page-lead">{t('profile.editLead')}</p>
        <p>
          <Link to={Paths.profile(organisationId)}>{t('profile.view')}</Link>
        </p>
      </header>
      {conflict ? <ErrorAlert>{t('profile.conflict')}</ErrorAlert> : save.error && !Object.keys(errors).length ? <ErrorAlert>{apiError.message(save.error)}</ErrorAlert> : null}
      {save.error && Object.keys(errors).length && !conflict ? <ErrorAlert>{apiError.message(save.error)}</ErrorAlert> : null}
      <form className="form card" noValidate onSubmit={onSubmit} data-testid="profile-form">
        <h2>{t('profile.sections.basic')}</h2>
        {text('officeNumber', { inputMode: 'numeric', hint: '例：4310100123（10桁）' })}
        {text('postalCode', { inputMode: 'numeric' })}
        {text('address')}
        {text('nearestStation')}
        <TextAreaField label={label('access')} name="access" value={form.access} onChange={(v) => set('access', v)} error={errors.access} />
        {text('phone', { type: 'tel', inputMode: 'tel' })}
        {text('hours')}
        <h2>{t('profile.sections.fees')}</h2>
        {text('feePerNight', { inputMode: 'numeric' })}
        {text('feePerNightIncludes')}
        {text('feePerMonth', { inputMode: 'numeric' })}
        {text('feePerMonthIncludes')}
        <h2>{t('profile.sections.transport')}</h2>
        {text('transportArea')}
        {text('transportHours')}
        <h2>{t('profile.sections.night')}</h2>
        <SelectField label={label('nightStaffing')} name="nightStaffing" value={form.nightStaffing ?? ''} onChange={(v) => set('nightStaffing', (v || null) as NightStaffing | null)} error={errors.nightStaffing}>
          <option value="">{t('profile.notSet')}</option>
          {Object.values(NightStaffing).map((s) => (
            <option key={s} value={s}>
              {t(`profile.nightStaffing.${s}`)}
            </option>
          ))}
        </SelectField>
        {text('nightStaffingNote')}
        <h2>{t('profile.sections.care')}</h2>
        <CheckboxGroup
          legend={label('medical')}
          name="medical"
          options={Object.values(MedicalCapability).map((m) => ({ value: m, label: t(`profile.medicalCapability.${m}`) }))}
          value={form.medical}
          onChange={(v) => set('medical', v)}
        />
        {text('medicalNote')}
        <Checkbox label={label('wheelchair')} name="wheelchair" checked={form.wheelchair} onChange={(v) => set('wheelchair', v)} />
        <Checkbox label={label('machineBath')} name="machineBath" checked={form.machineBath} onChange={(v) => set('machineBath', v)} />
        <h2>{t('profile.sections.about')}</h2>
        <TextAreaField label={label('description')} name="description" value={form.description} onChange={(v) => set('description', v)} error={errors.description} rows={5} />
        <Checkbox label={t('profile.publicOn')} name="public" checked={form.public} onChange={(v) => set('public', v)} />
        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={save.isPending}>
            {t('profile.save')}
          </button>
          {saved ? (
            <p role="status" className="form-status">
              {t('profile.saved')}
            </p>
          ) : null}
        </div>
      </form>

      <section className="card" aria-labelledby="photos-title">
        <h2 id="photos-title">{t('profile.photoAdd')}</h2>
        <p className="field-hint">{t('profile.photoNote')}</p>
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            if (file) upload.mutate({ file, caption }, { onSuccess: () => { setFile(null); setCaption(''); (e.target as HTMLFormElement).reset(); } });
          }}
        >
          <div className="field">
            <label className="field-label" htmlFor="photo-file">
              {t('profile.photoFile')}
            </label>
            <input id="photo-file" name="photo" type="file" accept="image/*" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          </div>
          <TextField label={t('profile.photoCaption')} name="caption" value={caption} onChange={setCaption} maxLength={100} />
          {upload.error ? <ErrorAlert>{upload.error instanceof ApiError && upload.error.body.details[0] ? upload.error.body.details[0].message[lang] : apiError.message(upload.error)}</ErrorAlert> : null}
          <button type="submit" className="button button--secondary" disabled={!file || upload.isPending}>
            {t('profile.photoUpload')}
          </button>
        </form>
        {profile.data.photos.length ? (
          <ul className="profile-photo-admin">
            {profile.data.photos.map((p) => (
              <li key={p.id}>
                {p.caption || p.id.slice(0, 8)}
                <button type="button" className="button button--secondary" onClick={() => remove.mutate(p.id)} disabled={remove.isPending}>
                  {t('profile.photoDelete')}
                </button>
              </li>
            ))}
          </ul>
        ) : null}
      </section>

      <ProfileView profile={profile.data} />
    </section>
  );
}
