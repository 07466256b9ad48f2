import { AgeBand, DisabilityCategory, type Gender, type TrialPersonView } from '@akiwa/contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, SuccessNotice } from '../../components/alerts';
import { CheckboxGroup, SelectField, TextField } from '../../components/form-field';
import { useApiError } from '../../hooks/use-api-error';
import { useCreateTrialPerson, useTrialPersonSummary, useTrialPersons } from '../../hooks/use-trial-stays';
import { StayCard } from './stay-table';
import { useTrialTexts } from './i18n';

/** The coordinator's persons: choose one, see the nights used this fiscal year and their stays, or register a new one. */
export function PersonPanel({ organisationId, defaultMunicipality, personId, onPerson }: {
  organisationId: string;
  defaultMunicipality: string;
  personId: string | null;
  onPerson: (person: TrialPersonView | null) => void;
}) {
  const { tt } = useTrialTexts();
  const apiError = useApiError();
  const persons = useTrialPersons(organisationId);
  const summary = useTrialPersonSummary(personId);

  return (
    <section className="card trial-section" aria-labelledby="trial-person-title">
      <h2 id="trial-person-title">{tt('person')}</h2>
      {persons.error ? <ErrorAlert>{apiError.message(persons.error)}</ErrorAlert> : null}
      <SelectField
        label={tt('person')}
        name="personId"
        value={personId ?? ''}
        onChange={(id) => onPerson(persons.data?.find((p) => p.id === id) ?? null)}
        hint={persons.data?.length === 0 ? tt('noPersons') : undefined}
      >
        <option value="">{tt('choosePerson')}</option>
        {persons.data?.map((p) => (
          <option key={p.id} value={p.id}>
            {p.displayName}（{p.ageBand}）
          </option>
        ))}
      </SelectField>
      {summary.data ? (
        <>
          <p className="trial-usage" data-testid="trial-usage" data-used={summary.data.used}>
            {tt('usage', { label: summary.data.fiscalYearLabel, used: summary.data.used, max: summary.data.policy.maxNightsPerFiscalYear, remaining: summary.data.remaining })}
            {' ・ '}
            {tt('consecutiveLimit', { n: summary.data.policy.maxConsecutiveNights })}
          </p>
          <h3>{tt('staysOfPerson')}</h3>
          {summary.data.stays.length === 0 ? <p className="notice">{tt('noStays')}</p> : null}
          <ul className="trial-stay-list" aria-label={tt('staysOfPerson')}>
            {summary.data.stays.map((stay) => (
              <li key={stay.id}>
                <StayCard stay={stay} side="coordinator" />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <details className="trial-new-person">
        <summary>{tt('newPerson')}</summary>
        <NewPersonForm organisationId={organisationId} defaultMunicipality={defaultMunicipality} onCreated={onPerson} />
      </details>
    </section>
  );
}

function NewPersonForm({ organisationId, defaultMunicipality, onCreated }: { organisationId: string; defaultMunicipality: string; onCreated: (p: TrialPersonView) => void }) {
  const { tt } = useTrialTexts();
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
      {create.isSuccess ? <SuccessNotice>{tt('registered')}</SuccessNotice> : null}
      <div className="form-grid">
        <TextField label={tt('displayName')} name="displayName" value={displayName} onChange={setDisplayName} hint={tt('displayNameHint')} error={fieldErrors.displayName} required />
        <SelectField label={tt('ageBand')} name="ageBand" value={ageBand} onChange={(v) => setAgeBand(v as AgeBand)}>
          {Object.values(AgeBand).map((b) => (
            <option key={b} value={b}>{b}</option>
          ))}
        </SelectField>
        <SelectField label={tt('gender')} name="gender" value={gender} onChange={(v) => setGender(v as Gender)}>
          <option value="male">{t('gender.male')}</option>
          <option value="female">{t('gender.female')}</option>
        </SelectField>
        <TextField label={tt('municipality')} name="municipalityCode" value={municipalityCode} onChange={setMunicipalityCode} inputMode="numeric" error={fieldErrors.municipalityCode} />
        <SelectField label={tt('supportLevel')} name="supportLevel" value={supportLevel} onChange={setSupportLevel}>
          {[0, 1, 2, 3, 4, 5, 6].map((l) => (
            <option key={l} value={String(l)}>{l === 0 ? t('supportLevel.0') : t('supportLevel.level', { level: l })}</option>
          ))}
        </SelectField>
      </div>
      <CheckboxGroup
        legend={tt('categories')}
        name="categories"
        options={Object.values(DisabilityCategory).map((c) => ({ value: c, label: t(`category.${c}`) }))}
        value={categories}
        onChange={setCategories}
      />
      <button type="submit" className="button button--primary" disabled={create.isPending}>
        {tt('register')}
      </button>
    </form>
  );
}
