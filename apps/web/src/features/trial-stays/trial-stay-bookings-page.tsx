import type { TrialPersonView, TrialSearchHit } from '@akiwa/contracts';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TrialSearchScope } from '../../api/query-keys';
import { ErrorAlert } from '../../components/alerts';
import { SelectField, TextField } from '../../components/form-field';
import { useApiError } from '../../hooks/use-api-error';
import { useGeography } from '../../hooks/use-geography';
import { useTrialLive } from '../../hooks/use-trial-live';
import { useTrialSearch } from '../../hooks/use-trial-stays';
import { addDays, serviceNight } from '../../lib/dates';
import { usePageTitle } from '../../lib/use-page-title';
import { useSessionUser } from '../auth/session-store';
import { BookingPanel } from './booking-panel';
import { useTrialTexts } from './i18n';
import { PersonPanel } from './person-panel';

/** 体験利用予約: the coordinator finds a group-home room open for trial stays and requests a booking for a person. */
export function TrialStayBookingsPage() {
  const { tt } = useTrialTexts();
  usePageTitle(tt('coordinatorTitle'));
  const user = useSessionUser();
  useTrialLive(user.organisation.id);
  const [person, setPerson] = useState<TrialPersonView | null>(null);
  const [chosen, setChosen] = useState<{ hit: TrialSearchHit; from: string; to: string } | null>(null);

  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{tt('coordinatorTitle')}</h1>
        <p className="page-lead">{tt('coordinatorLead')}</p>
      </header>
      <PersonPanel organisationId={user.organisation.id} defaultMunicipality={user.organisation.municipalityCode ?? ''} personId={person?.id ?? null} onPerson={setPerson} />
      <SearchPanel person={person} homeMunicipality={user.organisation.municipalityCode} onChoose={(hit, from, to) => setChosen({ hit, from, to })} />
      {chosen ? <BookingPanel key={`${chosen.hit.unitId}:${chosen.from}:${chosen.to}`} hit={chosen.hit} person={person} from={chosen.from} to={chosen.to} /> : null}
    </section>
  );
}

function SearchPanel({ person, homeMunicipality, onChoose }: { person: TrialPersonView | null; homeMunicipality: string | null; onChoose: (hit: TrialSearchHit, from: string, to: string) => void }) {
  const { tt } = useTrialTexts();
  const { t, i18n } = useTranslation();
  const en = i18n.resolvedLanguage === 'en';
  const apiError = useApiError();
  const geography = useGeography();
  const tomorrow = addDays(serviceNight(new Date()), 1);
  const home = geography.data?.municipalities.find((m) => m.code === homeMunicipality);
  const defaultArea = home?.regionId ? `r:${home.regionId}` : home ? `m:${home.code}` : '';
  const [area, setArea] = useState<string | null>(null);
  const [from, setFrom] = useState(tomorrow);
  const [to, setTo] = useState(addDays(tomorrow, 5));
  const [scope, setScope] = useState<TrialSearchScope | null>(null);
  const results = useTrialSearch(scope);
  const areaValue = area ?? defaultArea;

  const areaOptions = useMemo(() => {
    const g = geography.data;
    if (!g) return [];
    return g.prefectures.map((p) => ({
      prefecture: p,
      regions: g.regions.filter((r) => r.prefectureCode === p.code),
      municipalities: g.municipalities.filter((m) => m.prefectureCode === p.code && m.kind !== 'ward'),
    }));
  }, [geography.data]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const [kind, code] = areaValue.split(':') as [string, string];
    setScope({
      municipalityCode: kind === 'm' ? code : null,
      regionId: kind === 'r' ? code : null,
      prefectureCode: kind === 'p' ? code : null,
      from,
      to,
      gender: person?.gender ?? null,
      category: person?.categories[0] ?? null,
    });
  };

  return (
    <section className="card trial-section" aria-labelledby="trial-search-title">
      <h2 id="trial-search-title">{tt('search')}</h2>
      <form className="form" onSubmit={submit} noValidate>
        <div className="form-grid">
          <SelectField label={tt('area')} name="area" value={areaValue} onChange={setArea}>
            {areaOptions.map(({ prefecture, regions, municipalities }) => (
              <optgroup key={prefecture.code} label={en ? prefecture.nameEn : prefecture.name}>
                <option value={`p:${prefecture.code}`}>{tt('wholePrefecture', { name: en ? prefecture.nameEn : prefecture.name })}</option>
                {regions.map((r) => (
                  <option key={r.id} value={`r:${r.id}`}>{en ? r.nameEn : r.name}</option>
                ))}
                {municipalities.map((m) => (
                  <option key={m.code} value={`m:${m.code}`}>{en ? m.nameEn : m.name}</option>
                ))}
              </optgroup>
            ))}
          </SelectField>
          <TextField label={tt('from')} name="from" type="date" value={from} onChange={setFrom} required />
          <TextField label={tt('to')} name="to" type="date" value={to} onChange={setTo} hint={tt('toHint')} required />
        </div>
        <button type="submit" className="button button--primary">
          {tt('searchSubmit')}
        </button>
      </form>
      {results.error ? <ErrorAlert>{apiError.message(results.error)}</ErrorAlert> : null}
      {results.data ? (
        <>
          <p role="status">{results.data.total ? tt('results', { n: results.data.total }) : tt('noResults')}</p>
          <ul className="trial-hits" aria-label={tt('search')}>
            {results.data.items.map((hit) => (
              <li key={hit.unitId} className="card trial-hit" data-testid="trial-hit" data-unit-id={hit.unitId}>
                <h3>{hit.organisationName}</h3>
                <p>
                  {hit.unitName}・{t(`serviceType.${hit.serviceType}`)}・{t(`roomGender.${hit.roomGender}`)}・{hit.categories.map((c) => t(`category.${c}`)).join('／')}
                </p>
                {hit.houseRules ? <p className="field-hint">{tt('houseRules')}：{hit.houseRules}</p> : null}
                <button type="button" className="button button--secondary" onClick={() => onChoose(hit, scope!.from, scope!.to)}>
                  {tt('choose')}
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
