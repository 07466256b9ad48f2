import {
  CARE_LEVEL_LABELS,
  CARE_LEVELS,
  ConsentBy,
  DisabilityCategory,
  Gender,
  RiskFlag,
  SpecialNeed,
  SUPPORT_LEVEL_MAX,
  SUPPORT_LEVEL_MIN,
  Urgency,
  type EmergencyContact,
  type RegistrationForm,
  type RegistrationInput,
  type RegistrationView,
} from '@akiwa/contracts';
import { ageBandOn } from '@akiwa/domain';
import { useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { ErrorAlert } from '../../components/alerts';
import { Checkbox, CheckboxGroup, SelectField, TextAreaField, TextField } from '../../components/form-field';
import { useApiError } from '../../hooks/use-api-error';
import { useEmergencyContractProviders } from '../../hooks/use-emergency-contract-providers';
import { useCreateRegistration, useRegistration, useUpdateRegistration } from '../../hooks/use-ledger';
import { serviceNight } from '../../lib/dates';
import { usePageTitle } from '../../lib/use-page-title';
import { useSessionUser } from '../auth/session-store';
import { Paths } from '../layout/navigation';
import { useLedgerTexts } from './i18n';
import { MunicipalitySelect } from './municipality-select';
import './ledger.css';

interface State {
  municipalityCode: string;
  form: RegistrationForm;
  categories: DisabilityCategory[];
  specialNeeds: SpecialNeed[];
  supportLevel: string;
  riskFlags: RiskFlag[];
  urgencyTier: Urgency;
  contractedOrganisationId: string;
  nextReviewOn: string;
  consentBy: ConsentBy;
  consentOn: string;
  daysPerMonth: string;
  grantedFrom: string;
  grantedTo: string;
}

const EMPTY_CONTACT: EmergencyContact = { name: '', relation: '', address: '', phone: '', consented: false };
const CHILD_BANDS = ['0-5', '6-11', '12-17'];

function initial(today: string, municipalityCode: string, view?: RegistrationView): State {
  if (view) {
    const contacts = [...view.form.emergencyContacts, EMPTY_CONTACT, EMPTY_CONTACT].slice(0, 2);
    return {
      municipalityCode: view.municipalityCode,
      form: { ...view.form, emergencyContacts: contacts },
      categories: view.profile.categories,
      specialNeeds: view.profile.specialNeeds,
      supportLevel: view.profile.supportLevel === null ? 'unknown' : String(view.profile.supportLevel),
      riskFlags: view.riskFlags,
      urgencyTier: view.urgencyTier,
      contractedOrganisationId: view.contractedOrganisationId ?? '',
      nextReviewOn: view.nextReviewOn ?? '',
      consentBy: view.consent.by,
      consentOn: view.consent.on,
      daysPerMonth: view.grantedDays ? String(view.grantedDays.daysPerMonth) : '',
      grantedFrom: view.grantedDays?.from ?? '',
      grantedTo: view.grantedDays?.to ?? '',
    };
  }
  return {
    municipalityCode,
    form: {
      notifiedOn: today,
      notifier: { name: '', nameKana: '', relation: '' },
      registrant: { name: '', nameKana: '', birthDate: '', sex: Gender.Male, postalCode: '', address: '', homePhone: '', mobilePhone: '' },
      certificates: { physicalGrade: null, ryoiku: null, mentalGrade: null, independenceSupportMedical: false, specifiedMedicalExpenses: false, other: '' },
      careLevel: null,
      emergencyContacts: [EMPTY_CONTACT, EMPTY_CONTACT],
      careConsultant: null,
    },
    categories: [],
    specialNeeds: [],
    supportLevel: 'unknown',
    riskFlags: [],
    urgencyTier: Urgency.Normal,
    contractedOrganisationId: '',
    nextReviewOn: '',
    consentBy: ConsentBy.Self,
    consentOn: today,
    daysPerMonth: '',
    grantedFrom: '',
    grantedTo: '',
  };
}

/** Empty optional texts are left out, so the sealed form holds only what was written. */
function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== '' && v !== undefined)) as T;
}

function toInput(s: State, today: string): RegistrationInput {
  const f = s.form;
  const contacts = f.emergencyContacts.filter((c) => c.name.trim() || c.phone.trim()).map((c) => compact(c));
  const consultant = f.careConsultant && f.careConsultant.name.trim() ? compact(f.careConsultant) : null;
  const birth = f.registrant.birthDate;
  return {
    municipalityCode: s.municipalityCode,
    form: compact({
      ...f,
      notifier: compact(f.notifier),
      registrant: compact(f.registrant) as RegistrationForm['registrant'],
      certificates: compact(f.certificates),
      emergencyContacts: contacts,
      careConsultant: consultant,
    }),
    profile: {
      categories: s.categories,
      child: /^\d{4}-\d{2}-\d{2}$/.test(birth) && CHILD_BANDS.includes(ageBandOn(birth, today)),
      supportLevel: s.supportLevel === 'unknown' ? null : Number(s.supportLevel),
      specialNeeds: s.specialNeeds,
    },
    riskFlags: s.riskFlags,
    urgencyTier: s.urgencyTier,
    contractedOrganisationId: s.contractedOrganisationId || null,
    nextReviewOn: s.nextReviewOn || null,
    consent: { by: s.consentBy, on: s.consentOn, organisationIds: [] },
    grantedDays: s.daysPerMonth ? { daysPerMonth: Number(s.daysPerMonth), from: s.grantedFrom || null, to: s.grantedTo || null } : null,
  };
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="fieldset ledger-section">
      <legend>{title}</legend>
      {children}
    </fieldset>
  );
}

export function RegistrationNewPage() {
  return <RegistrationFormPage />;
}

export function RegistrationEditPage() {
  const { id } = useParams();
  const existing = useRegistration(id);
  if (!existing.data) return null;
  return <RegistrationFormPage existing={existing.data} />;
}

/** 緊急時利用登録届: every field of 別紙3, grouped as on the paper form; one column on a phone. */
function RegistrationFormPage({ existing }: { existing?: RegistrationView }) {
  const { lt, label, t, lang } = useLedgerTexts();
  usePageTitle(existing ? lt('form.titleEdit') : lt('form.titleNew'));
  const user = useSessionUser();
  const navigate = useNavigate();
  const today = serviceNight(new Date(), 0);
  const [s, setS] = useState<State>(() => initial(today, user.organisation.municipalityCode ?? '', existing));
  const create = useCreateRegistration();
  const update = useUpdateRegistration(existing?.id ?? '');
  const mutation = existing ? update : create;
  const providers = useEmergencyContractProviders().data ?? [];
  const apiError = useApiError();
  const top = useRef<HTMLDivElement>(null);

  const errors = useMemo(() => {
    const out: Record<string, string> = {};
    if (mutation.error instanceof ApiError) for (const d of mutation.error.body.details) out[d.field] ??= d.message[lang];
    return out;
  }, [mutation.error, lang]);
  const err = (path: string) => errors[path] ?? Object.entries(errors).find(([k]) => k.startsWith(`${path}.`))?.[1];

  const setForm = (patch: (f: RegistrationForm) => RegistrationForm) => setS((x) => ({ ...x, form: patch(x.form) }));
  const reg = (k: keyof RegistrationForm['registrant'], v: string) => setForm((f) => ({ ...f, registrant: { ...f.registrant, [k]: v } }));
  const cert = (k: keyof RegistrationForm['certificates'], v: unknown) => setForm((f) => ({ ...f, certificates: { ...f.certificates, [k]: v } }));
  const text = (k: keyof RegistrationForm, v: string) => setForm((f) => ({ ...f, [k]: v }));
  const contact = (i: number, k: keyof EmergencyContact, v: string | boolean) =>
    setForm((f) => ({ ...f, emergencyContacts: f.emergencyContacts.map((c, j) => (j === i ? { ...c, [k]: v } : c)) }));
  const consultant = (k: 'name' | 'office' | 'phone', v: string) => setForm((f) => ({ ...f, careConsultant: { name: '', ...f.careConsultant, [k]: v } }));
  const set = <K extends keyof State>(k: K, v: State[K]) => setS((x) => ({ ...x, [k]: v }));
  const area = (k: keyof RegistrationForm, rows = 2) => (
    <TextAreaField label={label(k === 'reason' || k === 'wishes' ? `form.${k}` : k)} name={`form.${k}`} rows={rows} value={(s.form[k] as string) ?? ''} error={err(`form.${k}`)} onChange={(v) => text(k, v)} />
  );
  const grade = (k: 'physicalGrade' | 'mentalGrade', max: number) => (
    <SelectField label={label(k)} name={k} value={s.form.certificates[k] == null ? '' : String(s.form.certificates[k])} error={err(`form.certificates.${k}`)} onChange={(v) => cert(k, v ? Number(v) : null)}>
      <option value="">{lt('form.none')}</option>
      {Array.from({ length: max }, (_, i) => i + 1).map((n) => (
        <option key={n} value={n}>
          {lt('form.grade', { n })}
        </option>
      ))}
    </SelectField>
  );

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const body = toInput(s, today);
    const done = (view: RegistrationView) => void navigate(Paths.coordinator.registration(view.id));
    const failed = () => requestAnimationFrame(() => top.current?.focus());
    if (existing) update.mutate({ ...body, expectedVersion: existing.version }, { onSuccess: done, onError: failed });
    else create.mutate(body, { onSuccess: done, onError: failed });
  };

  return (
    <section className="page ledger-form-page" aria-labelledby="page-title">
      <header className="page-header">
        <p>
          <Link to={existing ? Paths.coordinator.registration(existing.id) : Paths.coordinator.ledger}>{lt('form.back')}</Link>
        </p>
        <h1 id="page-title">{existing ? lt('form.titleEdit') : lt('form.titleNew')}</h1>
      </header>
      <div ref={top} tabIndex={-1} className="focus-target">
        {mutation.error ? <ErrorAlert>{mutation.error instanceof ApiError && mutation.error.body.details.length ? lt('form.invalid') + ' ' + apiError.message(mutation.error) : apiError.message(mutation.error)}</ErrorAlert> : null}
      </div>
      <form className="form card ledger-form" noValidate onSubmit={onSubmit}>
        <Section title={lt('form.sectionNotify')}>
          <div className="form-grid">
            <TextField label={label('notifiedOn')} name="form.notifiedOn" type="date" value={s.form.notifiedOn} error={err('form.notifiedOn')} onChange={(v) => text('notifiedOn', v)} />
            <TextField label={label('notifier.name')} name="form.notifier.name" value={s.form.notifier.name} error={err('form.notifier.name')} onChange={(v) => setForm((f) => ({ ...f, notifier: { ...f.notifier, name: v } }))} />
            <TextField label={label('notifier.nameKana')} name="form.notifier.nameKana" value={s.form.notifier.nameKana ?? ''} error={err('form.notifier.nameKana')} onChange={(v) => setForm((f) => ({ ...f, notifier: { ...f.notifier, nameKana: v } }))} />
            <TextField label={label('relation')} name="form.notifier.relation" value={s.form.notifier.relation ?? ''} error={err('form.notifier.relation')} onChange={(v) => setForm((f) => ({ ...f, notifier: { ...f.notifier, relation: v } }))} />
          </div>
        </Section>

        <Section title={lt('form.sectionRegistrant')}>
          <div className="form-grid">
            <TextField label={label('registrant.name')} name="form.registrant.name" autoComplete="off" value={s.form.registrant.name} error={err('form.registrant.name')} onChange={(v) => reg('name', v)} />
            <TextField label={label('registrant.nameKana')} name="form.registrant.nameKana" autoComplete="off" value={s.form.registrant.nameKana} error={err('form.registrant.nameKana')} onChange={(v) => reg('nameKana', v)} />
            <TextField label={lt('list.birthDate')} name="form.registrant.birthDate" type="date" value={s.form.registrant.birthDate} error={err('form.registrant.birthDate') ?? err('profile.child')} onChange={(v) => reg('birthDate', v)} />
            <SelectField label={label('sex')} name="form.registrant.sex" value={s.form.registrant.sex} error={err('form.registrant.sex')} onChange={(v) => reg('sex', v)}>
              {[Gender.Male, Gender.Female].map((g) => (
                <option key={g} value={g}>
                  {t(`gender.${g}`)}
                </option>
              ))}
            </SelectField>
            <TextField label={label('postalCode')} name="form.registrant.postalCode" inputMode="numeric" value={s.form.registrant.postalCode ?? ''} error={err('form.registrant.postalCode')} onChange={(v) => reg('postalCode', v)} />
            <TextField label={label('homePhone')} name="form.registrant.homePhone" type="tel" inputMode="tel" value={s.form.registrant.homePhone ?? ''} error={err('form.registrant.homePhone')} onChange={(v) => reg('homePhone', v)} />
            <TextField label={label('mobilePhone')} name="form.registrant.mobilePhone" type="tel" inputMode="tel" value={s.form.registrant.mobilePhone ?? ''} error={err('form.registrant.mobilePhone')} onChange={(v) => reg('mobilePhone', v)} />
          </div>
          <TextField label={label('address')} name="form.registrant.address" value={s.form.registrant.address ?? ''} error={err('form.registrant.address')} onChange={(v) => reg('address', v)} />
          <p className="field-hint">{lt('form.childNote')}</p>
        </Section>

        <Section title={lt('form.sectionCertificates')}>
          <div className="form-grid">
            {grade('physicalGrade', 7)}
            <SelectField label={label('ryoiku')} name="ryoiku" value={s.form.certificates.ryoiku ?? ''} onChange={(v) => cert('ryoiku', v || null)}>
              <option value="">{lt('form.none')}</option>
              <option value="A">A</option>
              <option value="B">B</option>
            </SelectField>
            {grade('mentalGrade', 3)}
            <SelectField label={label('careLevel')} name="form.careLevel" value={s.form.careLevel ?? ''} onChange={(v) => setForm((f) => ({ ...f, careLevel: (v || null) as RegistrationForm['careLevel'] }))}>
              <option value="">{lt('form.none')}</option>
              {CARE_LEVELS.filter((c) => c !== 'none').map((c) => (
                <option key={c} value={c}>
                  {CARE_LEVEL_LABELS[c]}
                </option>
              ))}
            </SelectField>
          </div>
          <Checkbox label={label('independenceSupportMedical')} name="independenceSupportMedical" checked={Boolean(s.form.certificates.independenceSupportMedical)} onChange={(v) => cert('independenceSupportMedical', v)} />
          <Checkbox label={label('specifiedMedicalExpenses')} name="specifiedMedicalExpenses" checked={Boolean(s.form.certificates.specifiedMedicalExpenses)} onChange={(v) => cert('specifiedMedicalExpenses', v)} />
          <TextField label={label('certificates.other')} name="form.certificates.other" value={s.form.certificates.other ?? ''} onChange={(v) => cert('other', v)} />
        </Section>

        <Section title={lt('form.sectionHealth')}>
          {area('reason')}
          <TextField label={label('mainDisability')} name="form.mainDisability" value={s.form.mainDisability ?? ''} error={err('form.mainDisability')} onChange={(v) => text('mainDisability', v)} />
          <SelectField label={lt('form.supportLevel')} name="profile.supportLevel" value={s.supportLevel} error={err('profile.supportLevel')} onChange={(v) => set('supportLevel', v)}>
            <option value="unknown">{lt('form.supportUnknown')}</option>
            {Array.from({ length: SUPPORT_LEVEL_MAX - SUPPORT_LEVEL_MIN + 1 }, (_, i) => SUPPORT_LEVEL_MIN + i).map((n) => (
              <option key={n} value={String(n)}>
                {n === 0 ? t('supportLevel.0') : t('supportLevel.level', { level: n })}
              </option>
            ))}
          </SelectField>
          {area('servicesUsed')}
          <TextField label={label('familyDoctor')} name="form.familyDoctor" value={s.form.familyDoctor ?? ''} error={err('form.familyDoctor')} onChange={(v) => text('familyDoctor', v)} />
          {area('medicalCondition')}
          {area('medication')}
          {area('otherNotes')}
        </Section>

        <Section title={lt('form.sectionEmergency')}>
          {area('expectedEmergency', 3)}
          {area('wantedServices')}
        </Section>

        <Section title={lt('form.sectionContacts')}>
          {s.form.emergencyContacts.map((c, i) => (
            <fieldset key={i} className="fieldset ledger-contact">
              <legend>{lt('form.contact', { n: i + 1 })}</legend>
              <div className="form-grid">
                <TextField label={label('emergencyContacts.name')} name={`form.emergencyContacts.${i}.name`} value={c.name} error={err(`form.emergencyContacts.${i}.name`)} onChange={(v) => contact(i, 'name', v)} />
                <TextField label={label('relation')} name={`form.emergencyContacts.${i}.relation`} value={c.relation} error={err(`form.emergencyContacts.${i}.relation`)} onChange={(v) => contact(i, 'relation', v)} />
                <TextField label={label('emergencyContacts.phone')} name={`form.emergencyContacts.${i}.phone`} type="tel" inputMode="tel" value={c.phone} error={err(`form.emergencyContacts.${i}.phone`)} onChange={(v) => contact(i, 'phone', v)} />
              </div>
              <TextField label={label('address')} name={`form.emergencyContacts.${i}.address`} value={c.address ?? ''} onChange={(v) => contact(i, 'address', v)} />
              <Checkbox label={lt('form.contactConsent')} name={`form.emergencyContacts.${i}.consented`} checked={c.consented} onChange={(v) => contact(i, 'consented', v)} />
              {err(`form.emergencyContacts.${i}.consented`) ? <p className="field-error" role="alert">{err(`form.emergencyContacts.${i}.consented`)}</p> : null}
            </fieldset>
          ))}
          {area('household')}
        </Section>

        <Section title={lt('form.sectionLedger')}>
          <MunicipalitySelect label={lt('form.municipality')} name="municipalityCode" value={s.municipalityCode} empty="—" error={err('municipalityCode')} onChange={(v) => set('municipalityCode', v)} />
          <CheckboxGroup legend={lt('form.categories')} name="profile.categories" options={Object.values(DisabilityCategory).map((c) => ({ value: c, label: t(`category.${c}`) }))} value={s.categories} error={err('profile.categories')} onChange={(v) => set('categories', v)} />
          <CheckboxGroup legend={lt('form.specialNeeds')} name="profile.specialNeeds" options={Object.values(SpecialNeed).map((c) => ({ value: c, label: t(`need.${c}`) }))} value={s.specialNeeds} onChange={(v) => set('specialNeeds', v)} />
          <CheckboxGroup legend={label('riskFlags')} name="riskFlags" options={Object.values(RiskFlag).map((f) => ({ value: f, label: lt(`riskFlag.${f}`) }))} value={s.riskFlags} onChange={(v) => set('riskFlags', v)} />
          <fieldset className="fieldset">
            <legend className="field-label">{label('urgencyTier')}</legend>
            <div className="check-group check-group--inline" role="radiogroup">
              {[Urgency.Emergency, Urgency.Watch, Urgency.Normal].map((u) => (
                <label key={u} className="check">
                  <input type="radio" name="urgencyTier" value={u} checked={s.urgencyTier === u} onChange={() => set('urgencyTier', u)} />
                  <span>{lt(`urgency.${u}`)}</span>
                </label>
              ))}
            </div>
          </fieldset>
          <SelectField label={lt('form.contracted')} name="contractedOrganisationId" value={s.contractedOrganisationId} error={err('contractedOrganisationId')} onChange={(v) => set('contractedOrganisationId', v)}>
            <option value="">{lt('form.none')}</option>
            {providers.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </SelectField>
          <div className="form-grid">
            <TextField label={label('careConsultant.name')} name="form.careConsultant.name" value={s.form.careConsultant?.name ?? ''} error={err('form.careConsultant')} onChange={(v) => consultant('name', v)} />
            <TextField label={label('careConsultant.office')} name="form.careConsultant.office" value={s.form.careConsultant?.office ?? ''} onChange={(v) => consultant('office', v)} />
            <TextField label={label('careConsultant.phone')} name="form.careConsultant.phone" type="tel" value={s.form.careConsultant?.phone ?? ''} onChange={(v) => consultant('phone', v)} />
          </div>
          {area('wishes', 3)}
          {area('coordinatorNotes', 3)}
          <TextField label={lt('form.nextReviewOn')} name="nextReviewOn" type="date" value={s.nextReviewOn} error={err('nextReviewOn')} onChange={(v) => set('nextReviewOn', v)} />
        </Section>

        <Section title={lt('form.sectionConsent')}>
          <div className="form-grid">
            <SelectField label={label('consent.by')} name="consent.by" value={s.consentBy} onChange={(v) => set('consentBy', v as ConsentBy)}>
              {Object.values(ConsentBy).map((b) => (
                <option key={b} value={b}>
                  {lt(`consentBy.${b}`)}
                </option>
              ))}
            </SelectField>
            <TextField label={label('consent.on')} name="consent.on" type="date" value={s.consentOn} error={err('consent.on')} onChange={(v) => set('consentOn', v)} />
            <TextField label={label('daysPerMonth')} name="grantedDays.daysPerMonth" type="number" inputMode="numeric" min={0} max={31} value={s.daysPerMonth} error={err('grantedDays.daysPerMonth')} onChange={(v) => set('daysPerMonth', v)} />
            <TextField label={label('grantedDays.from')} name="grantedDays.from" type="date" value={s.grantedFrom} onChange={(v) => set('grantedFrom', v)} />
            <TextField label={label('grantedDays.to')} name="grantedDays.to" type="date" value={s.grantedTo} error={err('grantedDays.to')} onChange={(v) => set('grantedTo', v)} />
          </div>
        </Section>

        <button type="submit" className="button button--primary button--big button--block" disabled={mutation.isPending}>
          {mutation.isPending ? lt('form.saving') : existing ? lt('form.save') : lt('form.submit')}
        </button>
      </form>
    </section>
  );
}
