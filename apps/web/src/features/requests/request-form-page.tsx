import {
  AgeBand,
  DisabilityCategory,
  Gender,
  SpecialNeed,
  SUPPORT_LEVEL_MAX,
  SUPPORT_LEVEL_MIN,
  Urgency,
  type CreateEmergencyRequest,
  type PersonDetails,
} from '@akiwa/contracts';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import { ErrorAlert } from '../../components/alerts';
import { Checkbox, CheckboxGroup, SelectField, TextAreaField, TextField } from '../../components/form-field';
import { useEmergencyContractProviders } from '../../hooks/use-emergency-contract-providers';
import { useCreateEmergencyRequest } from '../../hooks/use-emergency-requests';
import { useGeography } from '../../hooks/use-geography';
import { useApiError } from '../../hooks/use-api-error';
import { useRegistration, useRequestDraft } from '../../hooks/use-ledger';
import { useLedgerTexts } from '../ledger/i18n';
import { serviceNight } from '../../lib/dates';
import { municipalityLabel } from '../../lib/format';
import { usePageTitle } from '../../lib/use-page-title';
import { useMunicipalityIndex } from '../admin/use-municipality-index';
import { useSessionUser } from '../auth/session-store';
import { Paths } from '../layout/navigation';
import { useRequestTexts } from './i18n';
import { CHILD_AGE_BANDS } from './request-bits';

import { requestPaths } from './paths';

const AGE_BANDS = Object.values(AgeBand);
const CATEGORIES = Object.values(DisabilityCategory);
const NEEDS = Object.values(SpecialNeed);
const URGENCIES = [Urgency.Emergency, Urgency.Watch, Urgency.Normal];
const MAX_NIGHTS = 30;

interface FormState {
  gender: Gender | '';
  ageBand: AgeBand | '';
  categories: DisabilityCategory[];
  child: boolean;
  supportLevel: string;
  specialNeeds: SpecialNeed[];
  municipalityCode: string;
  from: string;
  nights: string;
  urgency: Urgency;
  situation: string;
  contractedOrganisationId: string;
  person: Required<PersonDetails>;
}

const EMPTY_PERSON: Required<PersonDetails> = {
  name: '',
  nameKana: '',
  birthDate: '',
  address: '',
  phone: '',
  emergencyContact: '',
  wishes: '',
  medicalNotes: '',
};

type Errors = Record<string, string>;

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | undefined => (values as readonly (string | null)[]).includes(value) ? (value as T) : undefined;

/** What a link from the board's calendar may fill in; anything unknown is ignored. */
function prefillFrom(params: URLSearchParams) {
  const level = params.get('supportLevel');
  const category = oneOf(CATEGORIES, params.get('category'));
  return {
    municipalityCode: /^\d{5}$/.test(params.get('municipalityCode') ?? '') ? params.get('municipalityCode')! : undefined,
    from: /^\d{4}-\d{2}-\d{2}$/.test(params.get('from') ?? '') ? params.get('from')! : undefined,
    unitName: params.get('unitName')?.slice(0, 100),
    gender: oneOf([Gender.Male, Gender.Female], params.get('gender')),
    categories: category ? [category] : [],
    child: params.get('child') === 'true',
    supportLevel: level !== null && /^\d$/.test(level) && Number(level) >= SUPPORT_LEVEL_MIN && Number(level) <= SUPPORT_LEVEL_MAX ? level : undefined,
    specialNeeds: (params.get('needs') ?? '').split(',').filter((n): n is SpecialNeed => oneOf(NEEDS, n) !== undefined),
  };
}

/** The server's details name dotted paths (`needs.categories`, `person.name`): match a field by its path or a child of it. */
function serverErrors(error: unknown, lang: 'ja' | 'en'): Errors {
  const result: Errors = {};
  if (!(error instanceof ApiError)) return result;
  for (const detail of error.body.details) result[detail.field] ??= detail.message[lang];
  return result;
}

function errorFor(errors: Errors, path: string): string | undefined {
  if (errors[path]) return errors[path];
  const child = Object.keys(errors).find((key) => key.startsWith(`${path}.`) || key.startsWith(`${path}[`));
  return child ? errors[child] : undefined;
}

/** 緊急依頼の作成: everything a provider needs to say yes, in under a minute, on a phone at night. */
export function RequestFormPage() {
  const { rt, t, lang } = useRequestTexts();
  usePageTitle(rt('form.title'));
  const user = useSessionUser();
  const navigate = useNavigate();
  const geography = useGeography();
  const index = useMunicipalityIndex(geography.data);
  const providers = useEmergencyContractProviders().data ?? [];
  const create = useCreateEmergencyRequest();
  const apiError = useApiError();
  const firstError = useRef<HTMLDivElement>(null);
  // from the registrant ledger: needs, municipality, contracted provider and notes come filled in
  const [params] = useSearchParams();
  const registrationId = params.get('registration');
  const draft = useRequestDraft(registrationId);
  const registered = useRegistration(registrationId ?? undefined);
  const { lt } = useLedgerTexts();
  // Opened from a ○ of the board's calendar: that unit's area and night, and the board's filters that describe the person.
  const prefill = useMemo(() => prefillFrom(params), [params]);
  const [form, setForm] = useState<FormState>(() => ({
    gender: prefill.gender ?? '',
    ageBand: '',
    categories: prefill.categories,
    child: prefill.child,
    // no default: a default level would silently narrow the match; 不明 is a choice of its own
    supportLevel: prefill.supportLevel ?? '',
    specialNeeds: prefill.specialNeeds,
    municipalityCode: prefill.municipalityCode ?? user.organisation.municipalityCode ?? '',
    from: prefill.from ?? serviceNight(new Date()),
    nights: '1',
    urgency: Urgency.Emergency,
    situation: '',
    contractedOrganisationId: '',
    person: EMPTY_PERSON,
  }));
  const [prefilled, setPrefilled] = useState(false);
  useEffect(() => {
    const d = draft.data;
    if (!d || prefilled) return;
    setPrefilled(true);
    setForm((f) => ({
      ...f,
      gender: d.needs.gender,
      ageBand: d.needs.ageBand,
      categories: d.needs.categories,
      child: d.needs.child,
      supportLevel: d.needs.supportLevel === null ? 'unknown' : String(d.needs.supportLevel),
      specialNeeds: d.needs.specialNeeds,
      municipalityCode: d.municipalityCode,
      contractedOrganisationId: d.contractedOrganisationId ?? '',
      situation: d.coordinatorNotes ? `${d.coordinatorNotes}\n` : '',
    }));
  }, [draft.data, prefilled]);
  const [clientErrors, setClientErrors] = useState<Errors>({});
  const errors = useMemo(() => ({ ...serverErrors(create.error, lang), ...clientErrors }), [create.error, clientErrors, lang]);

  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => setForm((f) => ({ ...f, [key]: value }));
  const setPerson = (key: keyof PersonDetails, value: string) => setForm((f) => ({ ...f, person: { ...f.person, [key]: value } }));

  // The coordinator's own prefecture first: that is where the person almost always lives.
  const ownPrefecture = index.byCode.get(user.organisation.municipalityCode ?? '')?.prefectureCode;
  const groups = [...index.groups].sort((a, b) => Number(b.code === ownPrefecture) - Number(a.code === ownPrefecture));

  const validate = (): Errors => {
    const e: Errors = {};
    if (!form.gender) e['needs.gender'] = rt('form.required.gender');
    if (!form.ageBand) e['needs.ageBand'] = rt('form.required.ageBand');
    if (!form.categories.length) e['needs.categories'] = rt('form.required.categories');
    if (!form.supportLevel) e['needs.supportLevel'] = rt('form.required.supportLevel');
    if (!form.municipalityCode) e.municipalityCode = rt('form.required.municipality');
    if (!form.from) e.from = rt('form.required.from');
    const nights = Number(form.nights);
    if (!Number.isInteger(nights) || nights < 1 || nights > MAX_NIGHTS) e.nights = rt('form.required.nights');
    if (!form.situation.trim()) e.situation = rt('form.required.situation');
    const anyPerson = Object.values(form.person).some((v) => v.trim());
    if (anyPerson && !form.person.name.trim()) e['person.name'] = rt('form.required.name');
    return e;
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found = validate();
    setClientErrors(found);
    if (Object.keys(found).length) {
      requestAnimationFrame(() => firstError.current?.focus());
      return;
    }
    const personEntries = Object.entries(form.person).filter(([, v]) => v.trim());
    const body: CreateEmergencyRequest = {
      needs: {
        ageBand: form.ageBand as AgeBand,
        gender: form.gender as Gender,
        categories: form.categories,
        child: form.child,
        supportLevel: form.supportLevel === 'unknown' ? null : Number(form.supportLevel),
        specialNeeds: form.specialNeeds,
      },
      municipalityCode: form.municipalityCode,
      from: form.from,
      nights: Number(form.nights),
      urgency: form.urgency,
      situation: form.situation.trim(),
      ...(form.contractedOrganisationId ? { contractedOrganisationId: form.contractedOrganisationId } : {}),
      ...(registrationId ? { registrationId } : {}),
      ...(!registrationId && personEntries.length ? { person: Object.fromEntries(personEntries.map(([k, v]) => [k, v.trim()])) as unknown as PersonDetails } : {}),
    };
    create.mutate(body, {
      onSuccess: (view) => void navigate(requestPaths.detail(view.id)),
      onError: () => requestAnimationFrame(() => firstError.current?.focus()),
    });
  };

  const hasErrors = Object.keys(errors).length > 0;

  return (
    <section className="page request-form-page" aria-labelledby="page-title">
      <header className="page-header">
        <p>
          <Link to={Paths.coordinator.requests}>{rt('form.back')}</Link>
        </p>
        <h1 id="page-title">{rt('form.title')}</h1>
        <p className="page-lead">{rt('form.lead')}</p>
        {prefill.unitName && prefill.from ? (
          <p className="notice" data-testid="request-prefill">
            {rt('form.fromCalendar', { unit: prefill.unitName, date: prefill.from })}
          </p>
        ) : null}
      </header>

      <div ref={firstError} tabIndex={-1} className="focus-target">
        {create.error && !(create.error instanceof ApiError && create.error.body.details.length) ? (
          <ErrorAlert>{apiError.message(create.error)}</ErrorAlert>
        ) : hasErrors ? (
          <ErrorAlert>{rt('form.invalid')}</ErrorAlert>
        ) : null}
      </div>

      {draft.error ? <ErrorAlert>{apiError.message(draft.error)}</ErrorAlert> : null}
      {registrationId && registered.data ? (
        <p className="notice" data-testid="prefilled-from-ledger">
          {lt('granted.prefilled', { name: registered.data.form.registrant.name })}
        </p>
      ) : null}
      <form className="form card request-form" noValidate onSubmit={onSubmit}>
        <h2>{rt('form.sectionPerson')}</h2>
        <fieldset className={`fieldset${errorFor(errors, 'needs.gender') ? ' field--invalid' : ''}`}>
          <legend className="field-label">{rt('form.gender')}</legend>
          <div className="check-group check-group--inline" role="radiogroup">
            {[Gender.Male, Gender.Female].map((g) => (
              <label key={g} className="check">
                <input type="radio" name="gender" value={g} checked={form.gender === g} onChange={() => set('gender', g)} />
                <span>{t(`gender.${g}`)}</span>
              </label>
            ))}
          </div>
          {errorFor(errors, 'needs.gender') ? (
            <p className="field-error" role="alert">
              {errorFor(errors, 'needs.gender')}
            </p>
          ) : null}
        </fieldset>

        <div className="form-grid">
          <SelectField
            label={rt('form.ageBand')}
            name="ageBand"
            value={form.ageBand}
            error={errorFor(errors, 'needs.ageBand')}
            onChange={(value) =>
              setForm((f) => ({ ...f, ageBand: value as AgeBand, child: CHILD_AGE_BANDS.includes(value) }))
            }
          >
            <option value="">{rt('form.selectAgeBand')}</option>
            {AGE_BANDS.map((band) => (
              <option key={band} value={band}>
                {rt(`ageBand.${band}`)}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={rt('form.supportLevel')}
            name="supportLevel"
            value={form.supportLevel}
            error={errorFor(errors, 'needs.supportLevel')}
            hint={rt('form.supportLevelHint')}
            onChange={(value) => set('supportLevel', value)}
          >
            <option value="">{rt('form.selectSupportLevel')}</option>
            <option value="unknown">{rt('form.supportLevelUnknown')}</option>
            {Array.from({ length: SUPPORT_LEVEL_MAX - SUPPORT_LEVEL_MIN + 1 }, (_, i) => SUPPORT_LEVEL_MIN + i).map((level) => (
              <option key={level} value={String(level)}>
                {level === 0 ? t('supportLevel.0') : t('supportLevel.level', { level })}
              </option>
            ))}
          </SelectField>
        </div>

        <CheckboxGroup
          legend={rt('form.categories')}
          name="categories"
          options={CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) }))}
          value={form.categories}
          onChange={(value) => set('categories', value)}
          error={errorFor(errors, 'needs.categories')}
        />
        <div className={`field${errorFor(errors, 'needs.child') ? ' field--invalid' : ''}`}>
          <Checkbox label={rt('form.child')} name="child" checked={form.child} onChange={(checked) => set('child', checked)} />
          <p className="field-hint">{rt('form.childHint')}</p>
          {errorFor(errors, 'needs.child') ? (
            <p className="field-error" role="alert">
              {errorFor(errors, 'needs.child')}
            </p>
          ) : null}
        </div>
        <CheckboxGroup
          legend={rt('form.specialNeeds')}
          name="specialNeeds"
          options={NEEDS.map((n) => ({ value: n, label: t(`need.${n}`) }))}
          value={form.specialNeeds}
          onChange={(value) => set('specialNeeds', value)}
          error={errorFor(errors, 'needs.specialNeeds')}
        />

        <h2>{rt('form.sectionStay')}</h2>
        <SelectField
          label={rt('form.municipality')}
          name="municipalityCode"
          value={form.municipalityCode}
          hint={rt('form.municipalityHint')}
          error={errorFor(errors, 'municipalityCode')}
          onChange={(value) => set('municipalityCode', value)}
        >
          <option value="">{rt('form.selectMunicipality')}</option>
          {groups.map((group) => (
            <optgroup key={group.code} label={lang === 'en' ? group.nameEn : group.name}>
              {group.municipalities.map((m) => (
                <option key={m.code} value={m.code}>
                  {municipalityLabel(m, index.byCode, lang)}
                </option>
              ))}
            </optgroup>
          ))}
        </SelectField>
        <div className="form-grid">
          <TextField
            label={rt('form.from')}
            name="from"
            type="date"
            value={form.from}
            error={errorFor(errors, 'from')}
            onChange={(value) => set('from', value)}
          />
          <TextField
            label={rt('form.nights')}
            name="nights"
            type="number"
            inputMode="numeric"
            min={1}
            max={MAX_NIGHTS}
            value={form.nights}
            hint={rt('form.nightsHint')}
            error={errorFor(errors, 'nights')}
            onChange={(value) => set('nights', value)}
          />
        </div>
        <fieldset className="fieldset">
          <legend className="field-label">{rt('form.urgency')}</legend>
          <div className="check-group check-group--inline" role="radiogroup">
            {URGENCIES.map((u) => (
              <label key={u} className="check">
                <input type="radio" name="urgency" value={u} checked={form.urgency === u} onChange={() => set('urgency', u)} />
                <span>{rt(`urgency.${u}`)}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <TextAreaField
          label={rt('form.situation')}
          name="situation"
          value={form.situation}
          rows={3}
          hint={rt('form.situationHint')}
          error={errorFor(errors, 'situation')}
          onChange={(value) => set('situation', value)}
        />
        <SelectField
          label={rt('form.contracted')}
          name="contractedOrganisationId"
          value={form.contractedOrganisationId}
          hint={rt('form.contractedHint')}
          error={errorFor(errors, 'contractedOrganisationId')}
          onChange={(value) => set('contractedOrganisationId', value)}
        >
          <option value="">{rt('form.contractedNone')}</option>
          {providers.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </SelectField>

        {registrationId ? <p className="notice">{lt('granted.fromLedger')}</p> : null}
        <details className="person-section" hidden={Boolean(registrationId)} open={Boolean(errorFor(errors, 'person')) || undefined}>
          <summary>{rt('form.personDetails')}</summary>
          <p className="notice">{rt('form.personDetailsLead')}</p>
          <div className="form-grid">
            <TextField label={rt('form.name')} name="person.name" value={form.person.name} autoComplete="off" error={errorFor(errors, 'person.name')} onChange={(v) => setPerson('name', v)} />
            <TextField label={rt('form.nameKana')} name="person.nameKana" value={form.person.nameKana} autoComplete="off" error={errorFor(errors, 'person.nameKana')} onChange={(v) => setPerson('nameKana', v)} />
            <TextField label={rt('form.birthDate')} name="person.birthDate" type="date" value={form.person.birthDate} error={errorFor(errors, 'person.birthDate')} onChange={(v) => setPerson('birthDate', v)} />
            <TextField label={rt('form.phone')} name="person.phone" type="tel" inputMode="tel" value={form.person.phone} autoComplete="off" error={errorFor(errors, 'person.phone')} onChange={(v) => setPerson('phone', v)} />
          </div>
          <TextField label={rt('form.address')} name="person.address" value={form.person.address} autoComplete="off" error={errorFor(errors, 'person.address')} onChange={(v) => setPerson('address', v)} />
          <TextField label={rt('form.emergencyContact')} name="person.emergencyContact" value={form.person.emergencyContact} autoComplete="off" error={errorFor(errors, 'person.emergencyContact')} onChange={(v) => setPerson('emergencyContact', v)} />
          <TextAreaField label={rt('form.wishes')} name="person.wishes" value={form.person.wishes} hint={rt('form.wishesHint')} error={errorFor(errors, 'person.wishes')} onChange={(v) => setPerson('wishes', v)} />
          <TextAreaField label={rt('form.medicalNotes')} name="person.medicalNotes" value={form.person.medicalNotes} error={errorFor(errors, 'person.medicalNotes')} onChange={(v) => setPerson('medicalNotes', v)} />
        </details>

        <button type="submit" className="button button--primary button--big button--block" disabled={create.isPending}>
          {create.isPending ? rt('form.submitting') : rt('form.submit')}
        </button>
      </form>
    </section>
  );
}
