import { CARE_LEVEL_LABELS, type RegistrationView } from '@akiwa/contracts';
import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../components/alerts';
import { SelectField } from '../../components/form-field';
import { useApiError } from '../../hooks/use-api-error';
import { useEmergencyContractProviders } from '../../hooks/use-emergency-contract-providers';
import { useConsentChange, useRegistration, useRegistrationHistory } from '../../hooks/use-ledger';
import { serviceNight } from '../../lib/dates';
import { usePageTitle } from '../../lib/use-page-title';
import { Paths } from '../layout/navigation';
import { useLedgerTexts } from './i18n';
import { useMunicipalityName } from './municipality-select';
import './ledger.css';

/** One registration: the form in 別紙3 order (also its A4 print), consent, history, and the request button. */
export function RegistrationPage() {
  const { id = '' } = useParams();
  const { lt } = useLedgerTexts();
  const registration = useRegistration(id);
  const apiError = useApiError();
  usePageTitle(registration.data?.form.registrant.name ?? lt('list.title'));
  if (registration.error) return <ErrorAlert>{apiError.message(registration.error)}</ErrorAlert>;
  if (!registration.data) return null;
  const r = registration.data;
  const overdue = Boolean(r.nextReviewOn && r.nextReviewOn < serviceNight(new Date(), 0));
  return (
    <section className="page registration-page" aria-labelledby="page-title">
      <header className="page-header no-print">
        <p>
          <Link to={Paths.coordinator.ledger}>{lt('form.back')}</Link>
        </p>
        <h1 id="page-title">{r.form.registrant.name}</h1>
        <p className="page-lead">{lt('detail.registeredBy', { name: r.organisationName })}</p>
        {overdue ? <p className="notice notice--warning">{lt('detail.overdue')}</p> : null}
        <div className="button-row">
          <Link className="button button--primary button--big" to={Paths.coordinator.requestFromRegistration(r.id)}>
            {lt('detail.postRequest')}
          </Link>
          <Link className="button button--secondary" to={Paths.coordinator.editRegistration(r.id)}>
            {lt('detail.edit')}
          </Link>
          <button type="button" className="button button--secondary" onClick={() => window.print()}>
            {lt('detail.print')}
          </button>
        </div>
      </header>
      <RegistrationSheet r={r} />
      <ConsentCard r={r} />
      <HistoryCard id={r.id} />
    </section>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>{children || '—'}</td>
    </tr>
  );
}

/** 緊急時利用登録届 in the paper form's order and wording: read on screen, signed on paper (A4). */
function RegistrationSheet({ r }: { r: RegistrationView }) {
  const { lt, label, t } = useLedgerTexts();
  const municipalityName = useMunicipalityName();
  const f = r.form;
  const c = f.certificates;
  const yes = (b?: boolean) => (b ? lt('detail.yes') : lt('detail.no'));
  return (
    <article className="card registration-sheet" aria-labelledby="sheet-title">
      <h2 id="sheet-title" className="sheet-title">
        {lt('detail.sheetTitle')}
      </h2>
      <p className="sheet-date">
        {label('notifiedOn')}：{f.notifiedOn}
      </p>
      <table className="sheet-table">
        <tbody>
          <Row label={label('notifier')}>
            {f.notifier.name}
            {f.notifier.nameKana ? `（${f.notifier.nameKana}）` : ''}
            {f.notifier.relation ? ` ${label('relation')}：${f.notifier.relation}` : ''}
          </Row>
          <Row label={label('registrant.name')}>
            {f.registrant.name}（{f.registrant.nameKana}）
          </Row>
          <Row label={lt('list.birthDate')}>
            {f.registrant.birthDate}　{label('sex')}：{t(`gender.${f.registrant.sex}`)}
          </Row>
          <Row label={label('address')}>
            {f.registrant.postalCode ? `〒${f.registrant.postalCode} ` : ''}
            {f.registrant.address}
          </Row>
          <Row label={label('homePhone')}>{f.registrant.homePhone}</Row>
          <Row label={label('mobilePhone')}>{f.registrant.mobilePhone}</Row>
          <Row label={label('certificates')}>
            {[
              c.physicalGrade ? `身体 ${c.physicalGrade}級` : null,
              c.ryoiku ? `療育 ${c.ryoiku}` : null,
              c.mentalGrade ? `精神 ${c.mentalGrade}級` : null,
              c.independenceSupportMedical ? label('independenceSupportMedical') : null,
              c.specifiedMedicalExpenses ? label('specifiedMedicalExpenses') : null,
              c.other || null,
            ]
              .filter(Boolean)
              .join('・')}
          </Row>
          <Row label={label('careLevel')}>{f.careLevel ? CARE_LEVEL_LABELS[f.careLevel] : ''}</Row>
          <Row label={label('form.reason')}>{f.reason}</Row>
          <Row label={label('mainDisability')}>{f.mainDisability}</Row>
          <Row label={lt('form.supportLevel')}>{r.profile.supportLevel === null ? lt('form.supportUnknown') : r.profile.supportLevel === 0 ? t('supportLevel.0') : t('supportLevel.level', { level: r.profile.supportLevel })}</Row>
          <Row label={label('servicesUsed')}>{f.servicesUsed}</Row>
          <Row label={label('familyDoctor')}>{f.familyDoctor}</Row>
          <Row label={label('medicalCondition')}>{f.medicalCondition}</Row>
          <Row label={label('medication')}>{f.medication}</Row>
          <Row label={label('otherNotes')}>{f.otherNotes}</Row>
          <Row label={label('expectedEmergency')}>{f.expectedEmergency}</Row>
          <Row label={label('wantedServices')}>{f.wantedServices}</Row>
          {[0, 1].map((i) => {
            const e = f.emergencyContacts[i];
            return (
              <Row key={i} label={lt('form.contact', { n: i + 1 })}>
                {e ? `${e.name}（${e.relation}）${e.address ? ` ${e.address}` : ''} ${e.phone}　${label('emergencyContacts.consented')}：${yes(e.consented)}` : ''}
              </Row>
            );
          })}
          <Row label={label('household')}>{f.household}</Row>
        </tbody>
      </table>
      <h3 className="sheet-subtitle">{lt('form.sectionLedger')}</h3>
      <table className="sheet-table">
        <tbody>
          <Row label={lt('form.municipality')}>{municipalityName(r.municipalityCode)}</Row>
          <Row label={lt('form.categories')}>{r.profile.categories.map((x) => t(`category.${x}`)).join('・')}</Row>
          <Row label={lt('form.specialNeeds')}>{r.profile.specialNeeds.map((x) => t(`need.${x}`)).join('・')}</Row>
          <Row label={label('riskFlags')}>{r.riskFlags.map((x) => lt(`riskFlag.${x}`)).join('・')}</Row>
          <Row label={label('urgencyTier')}>{lt(`urgency.${r.urgencyTier}`)}</Row>
          <Row label={lt('form.contracted')}>{r.contractedOrganisationName}</Row>
          <Row label={label('careConsultant')}>{f.careConsultant ? [f.careConsultant.name, f.careConsultant.office, f.careConsultant.phone].filter(Boolean).join('　') : ''}</Row>
          <Row label={label('form.wishes')}>{f.wishes}</Row>
          <Row label={label('coordinatorNotes')}>{f.coordinatorNotes}</Row>
          <Row label={label('grantedDays')}>{r.grantedDays ? `${r.grantedDays.daysPerMonth}日／月 ${r.grantedDays.from ?? ''}〜${r.grantedDays.to ?? ''}` : ''}</Row>
          <Row label={lt('form.nextReviewOn')}>{r.nextReviewOn}</Row>
          <Row label={label('consent')}>{lt('detail.consentBy', { by: lt(`consentBy.${r.consent.by}`), on: r.consent.on })}</Row>
        </tbody>
      </table>
      <p className="print-only sheet-signature">{lt('detail.signature')}：＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿</p>
    </article>
  );
}

function ConsentCard({ r }: { r: RegistrationView }) {
  const { lt } = useLedgerTexts();
  const change = useConsentChange(r.id);
  const apiError = useApiError();
  const providers = useEmergencyContractProviders().data ?? [];
  const [chosen, setChosen] = useState('');
  const active = new Set(r.consent.shared.filter((s) => !s.withdrawnAt).map((s) => s.organisationId));
  return (
    <section className="card no-print" aria-labelledby="consent-title">
      <h2 id="consent-title">{lt('detail.consentTitle')}</h2>
      <p className="field-hint">{lt('detail.consentLead')}</p>
      {change.error ? <ErrorAlert>{apiError.message(change.error)}</ErrorAlert> : null}
      <ul className="consent-list" data-testid="consent-list">
        {r.consent.shared.map((s) => (
          <li key={s.organisationId}>
            <span>{s.organisationName}</span>{' '}
            <span className="field-hint">
              {s.withdrawnAt ? lt('detail.withdrawnAt', { date: s.withdrawnAt.slice(0, 10) }) : lt('detail.sharedSince', { date: s.grantedAt.slice(0, 10) })}
            </span>{' '}
            {!s.withdrawnAt && s.organisationId !== r.organisationId ? (
              <button type="button" className="button button--secondary button--small" disabled={change.isPending} onClick={() => change.mutate({ organisationId: s.organisationId, action: 'withdraw' })}>
                {lt('detail.withdraw')}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      <div className="consent-share">
        <SelectField label={lt('detail.shareWith')} name="shareWith" value={chosen} onChange={setChosen}>
          <option value="">{lt('detail.chooseProvider')}</option>
          {providers
            .filter((p) => !active.has(p.id))
            .map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
        </SelectField>
        <button type="button" className="button button--secondary" disabled={!chosen || change.isPending} onClick={() => change.mutate({ organisationId: chosen, action: 'share' }, { onSuccess: () => setChosen('') })}>
          {lt('detail.share')}
        </button>
      </div>
    </section>
  );
}

function HistoryCard({ id }: { id: string }) {
  const { lt, label } = useLedgerTexts();
  const history = useRegistrationHistory(id);
  return (
    <section className="card no-print" aria-labelledby="history-title">
      <h2 id="history-title">{lt('detail.historyTitle')}</h2>
      <ol className="history-list">
        {(history.data ?? []).map((h, i) => (
          <li key={i}>
            <time dateTime={h.at}>{new Date(h.at).toLocaleString('ja-JP')}</time> {h.byName ?? '—'}：{lt(`detail.historyAction.${h.action}`)}
            {h.action === 'update' ? `（${h.fields.map((x) => label(x.replace(/^form\./, ''))).join('、')}）` : ''}
          </li>
        ))}
      </ol>
    </section>
  );
}
