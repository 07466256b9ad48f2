import { OrganisationKind, type CreateOrganisationRequest } from '@akiwa/contracts';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, SuccessNotice } from '../../components/alerts';
import { SelectField, TextField } from '../../components/form-field';
import { useApiError, type FieldErrors } from '../../hooks/use-api-error';
import { useFormErrors } from '../../hooks/use-form-errors';
import { useGeography } from '../../hooks/use-geography';
import { useCreateOrganisation } from '../../hooks/use-organisations';
import { currentLanguage } from '../../lib/i18n';
import { municipalityLabel } from '../../lib/format';
import { useMunicipalityIndex } from './use-municipality-index';

const KINDS = Object.values(OrganisationKind);

export function OrganisationForm() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const geography = useGeography();
  const index = useMunicipalityIndex(geography.data);
  const create = useCreateOrganisation();
  const apiError = useApiError();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<OrganisationKind>(OrganisationKind.Provider);
  const [municipalityCode, setMunicipalityCode] = useState('');
  const [createdName, setCreatedName] = useState<string | null>(null);
  const nameRef = useRef<HTMLInputElement>(null);

  const { errors, formError, setClientErrors } = useFormErrors(create.error);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setCreatedName(null);
    const next: FieldErrors = {};
    if (!name.trim()) next.name = t('admin.organisations.required.name');
    setClientErrors(next);
    if (next.name) return nameRef.current?.focus();
    const body: CreateOrganisationRequest = { name: name.trim(), kind };
    if (municipalityCode) body.municipalityCode = municipalityCode;
    create.mutate(body, {
      onSuccess: (organisation) => {
        setCreatedName(organisation.name);
        setName('');
        setMunicipalityCode('');
        nameRef.current?.focus();
      },
    });
  };

  return (
    <form className="form card" noValidate onSubmit={onSubmit} aria-labelledby="organisation-form-title">
      <h2 id="organisation-form-title">{t('admin.organisations.createTitle')}</h2>
      {createdName ? <SuccessNotice>{t('admin.organisations.created', { name: createdName })}</SuccessNotice> : null}
      {formError ? <ErrorAlert>{formError}</ErrorAlert> : null}
      <div className="form-grid">
        <TextField
          label={t('admin.organisations.name')}
          name="name"
          required
          autoComplete="organization"
          value={name}
          onChange={setName}
          error={errors.name}
          inputRef={nameRef}
        />
        <SelectField
          label={t('admin.organisations.kind')}
          name="kind"
          required
          value={kind}
          onChange={(value) => setKind(value as OrganisationKind)}
          error={errors.kind}
        >
          {KINDS.map((value) => (
            <option key={value} value={value}>
              {t(`organisationKind.${value}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('admin.organisations.municipality')}
          name="municipalityCode"
          value={municipalityCode}
          onChange={setMunicipalityCode}
          disabled={geography.isPending}
          hint={geography.isPending ? t('app.loading') : undefined}
          error={errors.municipalityCode ?? (geography.error ? apiError.message(geography.error) : undefined)}
        >
          <option value="">{t('admin.organisations.municipalityNone')}</option>
          {index.groups.map((group) => (
            <optgroup key={group.code} label={language === 'en' ? group.nameEn : group.name}>
              {group.municipalities.map((m) => (
                <option key={m.code} value={m.code}>
                  {municipalityLabel(m, index.byCode, language)}
                </option>
              ))}
            </optgroup>
          ))}
        </SelectField>
      </div>
      <button type="submit" className="button button--primary" disabled={create.isPending}>
        {create.isPending ? t('common.saving') : t('admin.organisations.submit')}
      </button>
    </form>
  );
}
