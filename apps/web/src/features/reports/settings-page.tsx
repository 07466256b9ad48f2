import { BaseType, type BaseFacts, type TrialPolicyView } from '@akiwa/contracts';
import { BASE_TYPE_LABELS, fiscalYearLabel, fiscalYearOf, checkTrialPolicy, serviceNight } from '@akiwa/domain';
import { useEffect, useState } from 'react';
import { SelectField, TextField } from '../../components/form-field';
import { useBaseFacts, useRegionSharing, useRegionWindows, useSaveBaseFacts, useSaveRegionWindows, useSaveTrialPolicy, useTrialPolicy } from '../../hooks/use-reports';
import { formatDateTime } from '../../lib/format';
import { usePageTitle } from '../../lib/use-page-title';
import { useSessionUser } from '../auth/session-store';
import { useReportTexts } from './i18n';
import './reports.css';

/** 市町村の設定: the officer's municipality's trial-stay limits, the report's basic facts, the region's settings — each with who changed it. */
export function SettingsPage() {
  const { rt } = useReportTexts();
  usePageTitle(rt('settings.title'));
  const user = useSessionUser();
  const code = user?.organisation.municipalityCode;
  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{rt('settings.title')}</h1>
        <p className="page-lead">{rt('settings.lead')}</p>
      </header>
      {code && <TrialPolicyCard code={code} />}
      {code && <FactsCard code={code} />}
      <RegionCard />
      <WindowsCard />
    </section>
  );
}

function ChangedBy({ name, at }: { name: string | null | undefined; at: string | null | undefined }) {
  const { rt, lang } = useReportTexts();
  return <p className="field-hint" data-testid="changed-by">{name && at ? rt('settings.changedBy', { name, at: formatDateTime(at, lang) }) : rt('settings.neverChanged')}</p>;
}

function TrialPolicyCard({ code }: { code: string }) {
  const { rt } = useReportTexts();
  const policy = useTrialPolicy(code);
  const save = useSaveTrialPolicy(code);
  const [form, setForm] = useState({ consecutive: '', yearly: '' });
  useEffect(() => {
    if (policy.data) setForm({ consecutive: String(policy.data.maxConsecutiveNights), yearly: String(policy.data.maxNightsPerFiscalYear) });
  }, [policy.data]);
  const value = { maxConsecutiveNights: Number(form.consecutive), maxNightsPerFiscalYear: Number(form.yearly) };
  const inconsistent = form.consecutive !== '' && form.yearly !== '' && checkTrialPolicy(value) !== null;
  const serverError = save.error?.body?.details?.[0]?.message;
  return (
    <section className="card form" aria-labelledby="trial-policy-title" data-testid="trial-policy">
      <h2 id="trial-policy-title">{rt('settings.trialTitle')}</h2>
      {policy.data && !policy.data.custom && <p className="field-hint">{rt('settings.defaults')}</p>}
      <form
        className="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!inconsistent) save.mutate(value);
        }}
      >
        <div className="form-grid">
          <TextField label={rt('settings.consecutive')} name="maxConsecutiveNights" type="number" inputMode="numeric" min={1} max={365} value={form.consecutive} onChange={(v) => setForm((f) => ({ ...f, consecutive: v }))} error={inconsistent ? rt('settings.consecutiveAboveYearly') : undefined} />
          <TextField label={rt('settings.yearly')} name="maxNightsPerFiscalYear" type="number" inputMode="numeric" min={1} max={366} value={form.yearly} onChange={(v) => setForm((f) => ({ ...f, yearly: v }))} hint={rt('settings.trialHint')} />
        </div>
        <button type="submit" className="button button--primary" disabled={save.isPending || inconsistent}>
          {rt('save')}
        </button>
        <p role="status" className="field-hint">
          {serverError ? serverError.ja : save.isSuccess ? rt('settings.saved') : ''}
        </p>
      </form>
      <ChangedBy name={(policy.data as TrialPolicyView | undefined)?.updatedByName} at={policy.data?.updatedAt} />
    </section>
  );
}

function FactsCard({ code }: { code: string }) {
  const { rt, lang } = useReportTexts();
  const year = fiscalYearOf(serviceNight(new Date(), 0));
  const facts = useBaseFacts(code, year);
  const save = useSaveBaseFacts(code, year);
  const [form, setForm] = useState<{ baseType: string; staffing: string; shelter: string }>({ baseType: '', staffing: '', shelter: '' });
  useEffect(() => {
    if (facts.data) setForm({ baseType: facts.data.baseType ?? '', staffing: facts.data.coordinatorStaffing, shelter: facts.data.shelter === null ? '' : String(facts.data.shelter) });
  }, [facts.data]);
  return (
    <section className="card form" aria-labelledby="facts-title" data-testid="base-facts">
      <h2 id="facts-title">{rt('settings.factsTitle', { year: fiscalYearLabel(year) })}</h2>
      <form
        className="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({
            baseType: (form.baseType || null) as BaseFacts['baseType'],
            coordinatorStaffing: form.staffing,
            shelter: form.shelter === '' ? null : form.shelter === 'true',
            version: facts.data?.version ?? 0,
          });
        }}
      >
        <div className="form-grid">
          <SelectField label={rt('settings.baseType')} name="baseType" value={form.baseType} onChange={(v) => setForm((f) => ({ ...f, baseType: v }))}>
            <option value="">{rt('settings.baseTypeNone')}</option>
            {Object.values(BaseType).map((b) => (
              <option key={b} value={b}>
                {BASE_TYPE_LABELS[lang][b]}
              </option>
            ))}
          </SelectField>
          <TextField label={rt('settings.staffing')} name="coordinatorStaffing" value={form.staffing} hint={rt('settings.staffingHint')} onChange={(v) => setForm((f) => ({ ...f, staffing: v }))} />
          <SelectField label={rt('settings.shelter')} name="shelter" value={form.shelter} onChange={(v) => setForm((f) => ({ ...f, shelter: v }))}>
            <option value="">{rt('settings.shelterUnknown')}</option>
            <option value="true">{rt('settings.shelterYes')}</option>
            <option value="false">{rt('settings.shelterNo')}</option>
          </SelectField>
        </div>
        <button type="submit" className="button button--primary" disabled={save.isPending}>
          {rt('save')}
        </button>
        <p role="status" className="field-hint">
          {save.error?.status === 409 ? rt('conflict') : save.isSuccess ? rt('settings.saved') : ''}
        </p>
      </form>
      <ChangedBy name={facts.data?.updatedByName} at={facts.data?.updatedAt} />
    </section>
  );
}

function RegionCard() {
  const { rt } = useReportTexts();
  const sharing = useRegionSharing();
  if (!sharing.data) return null;
  return (
    <section className="card" aria-labelledby="region-title" data-testid="region-settings">
      <h2 id="region-title">
        {rt('settings.regionTitle')}：{sharing.data.regionName}
      </h2>
      <dl className="summary-list">
        <div>
          <dt>{rt('settings.sharing')}</dt>
          <dd>{sharing.data.shared ? rt('settings.shared') : rt('settings.notShared')}</dd>
        </div>
      </dl>
      <p className="field-hint">{rt('settings.sharingHint')}</p>
      <ChangedBy name={sharing.data.updatedByName} at={sharing.data.updatedAt} />
    </section>
  );
}

/** The 圏域's widening and response windows: blank for the default, the server's refusal shown at its field. */
function WindowsCard() {
  const { rt } = useReportTexts();
  const windows = useRegionWindows();
  const save = useSaveRegionWindows();
  const [form, setForm] = useState({ widen: '', answer: '' });
  useEffect(() => {
    if (windows.data) setForm({ widen: windows.data.widenMinutes?.toString() ?? '', answer: windows.data.answerMinutes?.toString() ?? '' });
  }, [windows.data]);
  if (!windows.data) return null;
  const minutes = (v: string) => (v.trim() === '' ? null : Number(v));
  const errorOf = (field: string) => save.error?.body?.details?.find((d: { field: string }) => d.field === field)?.message.ja;
  return (
    <section className="card form" aria-labelledby="windows-title" data-testid="region-windows">
      <h2 id="windows-title">
        {rt('settings.windowsTitle')}：{windows.data.regionName}
      </h2>
      <form
        className="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({ widenMinutes: minutes(form.widen), answerMinutes: minutes(form.answer) });
        }}
      >
        <div className="form-grid">
          <TextField label={rt('settings.widenMinutes')} name="widenMinutes" type="number" inputMode="numeric" min={1} max={120} value={form.widen} onChange={(v) => setForm((f) => ({ ...f, widen: v }))} hint={rt('settings.widenHint', { n: windows.data.defaults.widenMinutes })} error={errorOf('widenMinutes')} />
          <TextField label={rt('settings.answerMinutes')} name="answerMinutes" type="number" inputMode="numeric" min={1} max={720} value={form.answer} onChange={(v) => setForm((f) => ({ ...f, answer: v }))} hint={rt('settings.answerHint', { n: windows.data.defaults.answerMinutes })} error={errorOf('answerMinutes')} />
        </div>
        <button type="submit" className="button button--primary" disabled={save.isPending}>
          {rt('settings.saveWindows')}
        </button>
        <p role="status" className="field-hint">
          {save.isSuccess ? rt('settings.saved') : ''}
        </p>
      </form>
      <ChangedBy name={windows.data.updatedByName} at={windows.data.updatedAt} />
    </section>
  );
}
