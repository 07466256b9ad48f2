import {
  DisabilityCategory,
  RoomGender,
  ServiceType,
  SpecialNeed,
  SUPPORT_LEVEL_MAX,
  SUPPORT_LEVEL_MIN,
  type UnitFields,
  type UnitView,
  type UpdateUnitRequest,
} from '@akiwa/contracts';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { conflictCurrent } from '../../api/client';
import { ErrorAlert, SuccessNotice } from '../../components/alerts';
import { Checkbox, CheckboxGroup, SelectField, TextAreaField, TextField } from '../../components/form-field';
import { useApiError, type FieldErrors } from '../../hooks/use-api-error';
import { useGeography } from '../../hooks/use-geography';
import { useCreateUnit, useUpdateUnit } from '../../hooks/use-units';
import { municipalityLabel } from '../../lib/format';
import { currentLanguage } from '../../lib/i18n';
import { useMunicipalityIndex } from '../admin/use-municipality-index';

type FormState = Omit<UnitFields, 'capacity'> & { capacity: string };

const SERVICE_TYPES = Object.values(ServiceType);
const CATEGORIES = Object.values(DisabilityCategory);
const NEEDS = Object.values(SpecialNeed);
const ROOM_GENDERS = Object.values(RoomGender);
const LEVELS = Array.from({ length: SUPPORT_LEVEL_MAX - SUPPORT_LEVEL_MIN + 1 }, (_, i) => SUPPORT_LEVEL_MIN + i);

function toState(unit: UnitFields | undefined, municipalityCode: string): FormState {
  if (unit) return { ...unit, capacity: String(unit.capacity) };
  return {
    name: '',
    serviceType: ServiceType.ShortStayAttached,
    municipalityCode,
    capacity: '',
    categories: [],
    acceptsChildren: false,
    supportLevelMin: SUPPORT_LEVEL_MIN,
    supportLevelMax: SUPPORT_LEVEL_MAX,
    specialNeeds: [],
    roomGender: RoomGender.Either,
    emergencyOk: true,
    trialOk: false,
    contact24h: '',
    note: '',
  };
}

function toFields(state: FormState): UnitFields {
  return { ...state, name: state.name.trim(), contact24h: state.contact24h.trim(), capacity: Number(state.capacity) };
}

/** Only what changed, with the version the edit is based on. */
function changes(before: UnitView, after: UnitFields): UpdateUnitRequest {
  const diff: UpdateUnitRequest = { version: before.version };
  for (const key of Object.keys(after) as (keyof UnitFields)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) (diff as Record<string, unknown>)[key] = after[key];
  }
  return diff;
}

interface UnitFormProps {
  /** Editing this unit; creating a new one when absent. */
  unit?: UnitView;
  defaultMunicipalityCode?: string;
  onCreated?: (unit: UnitView) => void;
}

/** Every field of a unit, with the welfare workers' own words for each. */
export function UnitForm({ unit, defaultMunicipalityCode = '', onCreated }: UnitFormProps) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const apiError = useApiError();
  const geography = useGeography();
  const index = useMunicipalityIndex(geography.data);
  const create = useCreateUnit();
  const update = useUpdateUnit(unit?.id ?? '');
  const mutation = unit ? update : create;
  const [state, setState] = useState<FormState>(() => toState(unit, defaultMunicipalityCode));
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [notice, setNotice] = useState<string | null>(null);

  // A colleague's save (live, or the `current` of a 409) re-bases the form on the newest version.
  const version = unit?.version;
  useEffect(() => {
    if (unit) setState(toState(unit, ''));
  }, [version]);

  const set = <K extends keyof FormState>(key: K) => (value: FormState[K]) => setState((s) => ({ ...s, [key]: value }));

  const conflict = mutation.error ? Boolean(conflictCurrent(mutation.error)) : false;
  const serverErrors = mutation.error && !conflict ? apiError.fieldErrors(mutation.error) : {};
  const errors = { ...serverErrors, ...clientErrors };
  const formError = mutation.error
    ? conflict
      ? t('units.conflict')
      : Object.keys(serverErrors).length === 0
        ? apiError.message(mutation.error)
        : null
    : null;
  const prefix = unit ? `unit-${unit.id}` : 'unit-new';

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setNotice(null);
    const next: FieldErrors = {};
    if (!state.name.trim()) next.name = t('units.required.name');
    if (!state.municipalityCode) next.municipalityCode = t('units.required.municipality');
    const capacity = Number(state.capacity);
    if (!state.capacity.trim() || !Number.isInteger(capacity) || capacity < 1) next.capacity = t('units.required.capacity');
    if (state.categories.length === 0) next.categories = t('units.required.categories');
    if (state.supportLevelMin > state.supportLevelMax) next.supportLevelMax = t('units.required.supportLevel');
    setClientErrors(next);
    if (Object.keys(next).length) {
      document.querySelector<HTMLElement>(`#${prefix} [aria-invalid="true"], #${prefix} .field--invalid input`)?.focus();
      return;
    }
    const fields = toFields(state);
    if (unit) {
      update.mutate(changes(unit, fields), { onSuccess: () => setNotice(t('units.saved')) });
    } else {
      create.mutate(fields, {
        onSuccess: (created) => {
          setNotice(t('units.created', { name: created.name }));
          onCreated?.(created);
        },
      });
    }
  };

  return (
    <form id={prefix} className="form card" noValidate onSubmit={onSubmit} aria-labelledby={`${prefix}-title`}>
      <h2 id={`${prefix}-title`}>{unit ? t('units.editTitle') : t('units.createTitle')}</h2>
      {notice ? <SuccessNotice>{notice}</SuccessNotice> : null}
      {formError ? <ErrorAlert>{formError}</ErrorAlert> : null}
      <div className="form-grid">
        <TextField label={t('units.name')} name="name" required hint={t('units.nameHint')} value={state.name} onChange={set('name')} error={errors.name} />
        <SelectField label={t('units.serviceType')} name="serviceType" required value={state.serviceType} onChange={(v) => set('serviceType')(v as ServiceType)} error={errors.serviceType}>
          {SERVICE_TYPES.map((value) => (
            <option key={value} value={value}>
              {t(`serviceType.${value}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('units.municipality')} name="municipalityCode" required value={state.municipalityCode} onChange={set('municipalityCode')} error={errors.municipalityCode}>
          <option value="">{t('units.selectMunicipality')}</option>
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
        <TextField label={t('units.capacity')} name="capacity" type="number" inputMode="numeric" min={1} max={200} required value={state.capacity} onChange={set('capacity')} error={errors.capacity} />
        <CheckboxGroup
          legend={t('units.categories')}
          name="categories"
          options={CATEGORIES.map((value) => ({ value, label: t(`category.${value}`) }))}
          value={state.categories}
          onChange={set('categories')}
          error={errors.categories}
        />
        <fieldset className={`fieldset${errors.acceptsChildren ? ' field--invalid' : ''}`}>
          <legend className="field-label">{t('units.acceptsChildren')}</legend>
          <Checkbox label={t('units.acceptsChildrenLabel')} name="acceptsChildren" checked={state.acceptsChildren} onChange={set('acceptsChildren')} />
        </fieldset>
        <SelectField label={t('units.supportLevelMin')} name="supportLevelMin" value={String(state.supportLevelMin)} onChange={(v) => set('supportLevelMin')(Number(v))} error={errors.supportLevelMin}>
          {LEVELS.map((level) => (
            <option key={level} value={level}>
              {level === 0 ? t('supportLevel.0') : t('supportLevel.level', { level })}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('units.supportLevelMax')} name="supportLevelMax" value={String(state.supportLevelMax)} onChange={(v) => set('supportLevelMax')(Number(v))} error={errors.supportLevelMax}>
          {LEVELS.map((level) => (
            <option key={level} value={level}>
              {level === 0 ? t('supportLevel.0') : t('supportLevel.level', { level })}
            </option>
          ))}
        </SelectField>
        <CheckboxGroup
          legend={t('units.specialNeeds')}
          name="specialNeeds"
          options={NEEDS.map((value) => ({ value, label: t(`need.${value}`) }))}
          value={state.specialNeeds}
          onChange={set('specialNeeds')}
          error={errors.specialNeeds}
        />
        <SelectField label={t('units.roomGender')} name="roomGender" value={state.roomGender} onChange={(v) => set('roomGender')(v as RoomGender)} error={errors.roomGender}>
          {ROOM_GENDERS.map((value) => (
            <option key={value} value={value}>
              {t(`roomGender.${value}`)}
            </option>
          ))}
        </SelectField>
        <fieldset className="fieldset">
          <legend className="field-label">{t('units.availability')}</legend>
          <div className="check-group">
            <Checkbox label={t('units.emergencyOk')} name="emergencyOk" checked={state.emergencyOk} onChange={set('emergencyOk')} />
            <Checkbox label={t('units.trialOk')} name="trialOk" checked={state.trialOk} onChange={set('trialOk')} />
          </div>
        </fieldset>
        <TextField label={t('units.contact24h')} name="contact24h" type="tel" autoComplete="tel" hint={t('units.contact24hHint')} value={state.contact24h} onChange={set('contact24h')} error={errors.contact24h} />
        <TextAreaField label={t('units.note')} name="note" value={state.note} onChange={set('note')} error={errors.note} />
      </div>
      <button type="submit" className="button button--primary" disabled={mutation.isPending}>
        {mutation.isPending ? t('common.saving') : unit ? t('units.submitEdit') : t('units.submitCreate')}
      </button>
    </form>
  );
}
