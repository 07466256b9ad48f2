import { AgeBand, DisabilityCategory, type Gender, type TrialPersonView } from '@akiwa/contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, SuccessNotice } from '../../components/alerts';
import { CheckboxGroup, SelectField, TextField } from '../../components/form-field';
import { useApiError } from '../../hooks/use-api-error';
import { useCreateTrialPerson, useTrialPersonSummary, useTrialPersons } from '../../hooks/use-trial-stays';
import { StayCard } from './stay-table';
import { useTrialText } from './messages';

/** The coordinator's persons: choose one, see the nights used this fiscal year and their stays, or register a new one. */
export function PersonPanel({ organisationId, defaultMunicipality, personId, onPerson }: {
  organisationId: string;
  defaultMunicipality: string;
  personId: string | null;
  onPerson: (person: TrialPersonView | null) => void;
}) {
  const text = useTrialText();
  const apiError = useApiError();
  const persons = useTrialPersons(organisationId);
  const summary = useTrialPersonSummary(personId);

  return (
    <section className="card trial-section" aria-labelledby="trial-person-title">
      <h2 id="trial-person-title">{text.person}</h2>
      {persons.error ? <ErrorAlert>{apiError.message(persons.error)}</ErrorAlert> : null}
      <SelectField
        label={text.person}
        name="personId"
        value={personId ?? ''}
        onChange={(id) => onPerson(persons.data?.find((p) => p.id === id) ?? null)}
        hint={persons.data?.length === 0 ? text.noPersons : undefined}
      >
        <option value="">{text.choosePerson}</option>
        {persons.data?.map((p) => (
          <option key={p.id} value={p.id}>
            {p.displayName}（{p.ageBand}）
          </option>
        ))}
      </SelectField>
      {summary.data ? (
        <>
          <p className="trial-usage" data-testid="trial-usage" data-used={summary.data.used}>
            {text.usage(summary.data.fiscalYearLabel, summary.data.used, summary.data.policy.maxNightsPerFiscalYear, summary.data.remaining)}
            {' ・ '}
            {text.consecutiveLimit(summary.data.policy.maxConsecutiveNights)}
          </p>
          <h3>{text.staysOfPerson}</h3>
          {summary.data.stays.length === 0 ? <p className="notice">{text.noStays}</p> : null}
          <ul className="trial-stay-list" aria-label={text.staysOfPerson}>
            {summary.data.stays.map((stay) => (
              <li key={stay.id}>
                <StayCard stay={stay} side="coordinator" />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <details className="trial-new-person">
        <summary>{text.newPerson}</summary>
        <NewPersonForm organisationId={organisationId} defaultMunicipality={defaultMunicipality} onCreated={onPerson} />
      </details>
    </section>
  );
}

function NewPersonForm({ organisationId, defaultMunicipality, onCreated }: { organisationId: string; defaultMunicipality: string; onCreated: (p: TrialPersonView) => void }) {
  const text = useTrialText();
  const { t } = useTranslation();
  const apiError = useApiError();
  const create = useCreateTrialPerson(organisationId);
  const [displayName, setDisplayName] = useState('');
  const [ageBand, setAgeBand] = useState<AgeBand>('30-49');
  const [gender, setGender] = useState<Gender>('male');
  const [municipalityCode, setMunicipalityCode] = useState(defaultMunicipality);
  const [categories, setCategories] = useState<DisabilityCategory[]>([]);
  const [supportLevel, setSupportLevel] = useState('2');
  const fieldErrors = create.error ? apiError.fieldErrors(create.error) : {};

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { displayName, ageBand, gender, municipalityCode, categories, supportLevel: Number(supportLevel), specialNeeds: [] },
      { onSuccess: (p) => { setDisplayName(''); onCreated(p); } },
    );
  };

  return (
    <form className="form" onSubmit={submit} noValidate>
      {create.error ? <ErrorAlert>{apiError.message(create.error)}</ErrorAlert> : null}
      {create.isSuccess ? <SuccessNotice>{text.registered}</SuccessNotice> : null}
      <div className="form-grid">
        <TextField label={text.displayName} name="displayName" value={displayName} onChange={setDisplayName} hint={text.displayNameHint} error={fieldErrors.displayName} required />
        <SelectField label={text.ageBand} name="ageBand" value={ageBand} onChange={(v) => setAgeBand(v as AgeBand)}>
          {Object.values(AgeBand).map((b) => (
            <option key={b} value={b}>{b}</option>
          ))}
        </SelectField>
        <SelectField label={text.gender} name="gender" value={gender} onChange={(v) => setGender(v as Gender)}>
          <option value="male">{t('gender.male')}</option>
          <option value="female">{t('gender.female')}</option>
        </SelectField>
        <TextField label={text.municipality} name="municipalityCode" value={municipalityCode} onChange={setMunicipalityCode} inputMode="numeric" error={fieldErrors.municipalityCode} />
        <SelectField label={text.supportLevel} name="supportLevel" value={supportLevel} onChange={setSupportLevel}>
          {[0, 1, 2, 3, 4, 5, 6].map((l) => (
            <option key={l} value={String(l)}>{l === 0 ? t('supportLevel.0') : t('supportLevel.level', { level: l })}</option>
          ))}
        </SelectField>
      </div>
      <CheckboxGroup
        legend={text.categories}
        name="categories"
        options={Object.values(DisabilityCategory).map((c) => ({ value: c, label: t(`category.${c}`) }))}
        value={categories}
        onChange={setCategories}
      />
      <button type="submit" className="button button--primary" disabled={create.isPending}>
        {text.register}
      </button>
    </form>
  );
}
