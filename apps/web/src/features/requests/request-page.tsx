import { ErrorCode, type EmergencyRequestView, type GrantedDaysStatus, type MatchScope, type OfferView } from '@akiwa/contracts';
import { useMemo, useRef, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { EscalationsCard } from '../alerts/escalations-card';
import { ReceiptsCard } from '../alerts/receipts-card';
import { ApiError } from '../../api/client';
import { ErrorAlert, SuccessNotice } from '../../components/alerts';
import { TextAreaField, TextField } from '../../components/form-field';
import {
  useAddEmergencyRequestNote,
  useCancelEmergencyRequest,
  useConfirmEmergencyOffer,
  useEmergencyRequest,
  useSetEmergencyRequestFollowUp,
  useWidenEmergencyRequest,
} from '../../hooks/use-emergency-requests';
import { useApiError } from '../../hooks/use-api-error';
import { formatDate, formatDateTime } from '../../lib/format';
import { usePageTitle } from '../../lib/use-page-title';
import { FullPageLoading, NotFoundPage } from '../layout/status-pages';
import { useLedgerTexts } from '../ledger/i18n';
import { useRequestTexts } from './i18n';
import { requestPaths } from './paths';
import { Paths } from '../layout/navigation';
import { PersonCard } from './person-card';
import { StatusBadge, telHref, UrgencyBadge, useMunicipalityName, useNeedsLine, useRemaining } from './request-bits';

const SCOPES: readonly MatchScope[] = ['municipality', 'region', 'prefecture'];
const ACTIVE_OFFER = new Set(['held', 'confirmed']);

/** Contracted provider first (step ③), then nearest; live holds before lapsed ones. */
export function rankOffers(offers: readonly OfferView[], contractedOrganisationId: string | null): OfferView[] {
  const rank = (o: OfferView) => [
    ACTIVE_OFFER.has(o.status) ? 0 : 1,
    o.organisationId === contractedOrganisationId ? 0 : 1,
    o.distance,
  ];
  return [...offers].sort((a, b) => {
    const ra = rank(a);
    const rb = rank(b);
    for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return ra[i]! - rb[i]!;
    return a.createdAt.localeCompare(b.createdAt);
  });
}

/** 緊急依頼の詳細: the live view of one request, from posting to placement and follow-up. */
export function RequestPage() {
  const { id = '' } = useParams();
  const request = useEmergencyRequest(id);
  const { rt } = useRequestTexts();
  const apiError = useApiError();
  usePageTitle(rt('detail.title'));

  if (request.isPending) return <FullPageLoading />;
  if (request.error) {
    if (request.error instanceof ApiError && (request.error.status === 404 || request.error.status === 400)) return <NotFoundPage />;
    return (
      <section className="page" aria-labelledby="page-title">
        <h1 id="page-title">{rt('detail.title')}</h1>
        <ErrorAlert>
          {rt('detail.loadError')} {apiError.message(request.error)}
        </ErrorAlert>
        <button type="button" className="button button--secondary" onClick={() => void request.refetch()}>
          {rt('detail.back')}
        </button>
      </section>
    );
  }
  return <RequestView request={request.data} />;
}

function RequestView({ request }: { request: EmergencyRequestView }) {
  const { rt, lang } = useRequestTexts();
  const needsLine = useNeedsLine();
  const municipalityName = useMunicipalityName();
  const open = request.status === 'open';

  return (
    <section className="page request-page" aria-labelledby="page-title">
      <header className="page-header">
        <p>
          <Link to={requestPaths.list}>{rt('detail.back')}</Link>
        </p>
        <h1 id="page-title" className="request-title">
          <span>{rt('detail.title')}</span>
          <StatusBadge status={request.status} testId="request-status" />
          <UrgencyBadge urgency={request.urgency} />
        </h1>
        <p className="request-needs-line">{needsLine(request.needs)}</p>
        <p className="page-lead">
          {municipalityName(request.municipalityCode)}・{rt('dates', { from: formatDate(request.from, lang), nights: request.nights })}
        </p>
      </header>

      {request.placement ? <PlacementCard request={request} offer={request.placement} /> : null}
      {request.status === 'unplaced' ? <ErrorAlert>{rt('detail.unplaced')}</ErrorAlert> : null}
      {request.status === 'cancelled' ? <p className="notice">{rt('detail.cancelled')}</p> : null}

      <div className="request-columns">
        <div className="request-main">
          {open ? <SearchScopeCard request={request} /> : null}
          <RecipientsCard request={request} />
          <OffersCard request={request} />
          <ReceiptsCard requestId={request.id} />
          <EscalationsCard requestId={request.id} />
          <TimelineCard request={request} />
        </div>
        <div className="request-side">
          <DetailsCard request={request} />
          <PersonCard request={request} />
          <FollowUpCard request={request} />
          <NotesCard request={request} />
          {open ? <CancelCard request={request} /> : null}
        </div>
      </div>
    </section>
  );
}

function PlacementCard({ request, offer }: { request: EmergencyRequestView; offer: OfferView }) {
  const { rt } = useRequestTexts();
  const municipalityName = useMunicipalityName();
  return (
    <section className="card placement-card" aria-labelledby="placement-title" data-testid="placement" data-offer-id={offer.id}>
      <h2 id="placement-title">{rt('detail.placement')}</h2>
      <p className="placement-provider">
        <Link to={Paths.profile(offer.organisationId)}>{offer.organisationName}</Link>
      </p>
      <dl className="request-facts">
        <div>
          <dt>{rt('detail.placementUnit')}</dt>
          <dd>{offer.unitName}</dd>
        </div>
        <div>
          <dt>{rt('detail.placementArea')}</dt>
          <dd>{municipalityName(offer.municipalityCode)}</dd>
        </div>
        <div>
          <dt>{rt('detail.contact')}</dt>
          <dd>
            <a className="button button--secondary tel-button" href={telHref(offer.contact24h)}>
              {rt('detail.call', { contact: offer.contact24h })}
            </a>
          </dd>
        </div>
      </dl>
      {request.person ? <p>{rt('detail.placementLead')}</p> : null}
    </section>
  );
}

function SearchScopeCard({ request }: { request: EmergencyRequestView }) {
  const { rt } = useRequestTexts();
  const widen = useWidenEmergencyRequest(request.id);
  const apiError = useApiError();
  const remaining = useRemaining(request.widensAt);
  const current = SCOPES.indexOf(request.scope);
  const widest = request.scope === 'prefecture';

  return (
    <section className="card" aria-labelledby="scope-title">
      <h2 id="scope-title">{rt('detail.search')}</h2>
      <ol className="scope-steps" aria-label={rt('detail.scopeLabel')} data-testid="request-scope" data-scope={request.scope}>
        {SCOPES.map((scope, i) => (
          <li
            key={scope}
            className={`scope-step${i < current ? ' scope-step--done' : ''}${i === current ? ' scope-step--current' : ''}`}
            aria-current={i === current ? 'step' : undefined}
          >
            {rt(`scope.${scope}`)}
            {i === current ? <span className="visually-hidden">{rt('paren', { text: rt('detail.currentScope') })}</span> : null}
          </li>
        ))}
      </ol>
      <p className="matched-count" data-testid="matched-providers" data-count={request.matchedProviders}>
        {rt('detail.matched', { count: request.matchedProviders })}
      </p>
      {widest ? (
        <>
          <p>{rt('detail.widestScope')}</p>
          {/* At the prefecture, widensAt is when the request closes as unplaced. */}
          {remaining.text ? <p className="widen-countdown hold-left--soon">{rt('detail.unplacedIn', { time: remaining.text })}</p> : null}
        </>
      ) : (
        <>
          {remaining.text ? (
            <p className="widen-countdown" aria-live="off">
              {rt('detail.widensIn', { time: remaining.text })}
            </p>
          ) : null}
          {widen.error ? <ErrorAlert>{apiError.message(widen.error)}</ErrorAlert> : null}
          <button type="button" className="button button--secondary" disabled={widen.isPending} onClick={() => widen.mutate()}>
            {widen.isPending ? rt('detail.widening') : rt('detail.widenNow')}
          </button>
        </>
      )}
    </section>
  );
}

/** Who was told, the contracted provider first: when, how, and each one's answer (or until when it is awaited). */
function RecipientsCard({ request }: { request: EmergencyRequestView }) {
  const { rt, lang } = useRequestTexts();
  if (!request.recipients.length) return null;
  return (
    <section className="card" aria-labelledby="recipients-title">
      <h2 id="recipients-title">{rt('detail.recipients')}</h2>
      <ul className="recipient-list" data-testid="recipients">
        {request.recipients.map((r) => (
          <li key={r.organisationId} className="recipient" data-contracted={r.contracted} data-answer={r.answer?.kind ?? 'none'}>
            <p className="recipient-name">
              <Link to={Paths.profile(r.organisationId)}>{r.organisationName}</Link>
              {r.contracted ? <span className="badge badge--contracted">{rt('detail.recipientContracted')}</span> : null}
            </p>
            <p className="field-hint">{rt('detail.notified', { time: formatDateTime(r.notifiedAt, lang), scope: rt(`scope.${r.scope}`) })}</p>
            <p className="recipient-answer">
              {r.answer?.kind === 'offer'
                ? rt('detail.answerOffer', { time: formatDateTime(r.answer.at, lang) })
                : r.answer?.kind === 'declined'
                  ? rt('detail.answerDeclined', { time: formatDateTime(r.answer.at, lang), reason: rt(`declineReason.${r.answer.reason}`) })
                  : rt('detail.answerNone', { time: formatDateTime(r.answerBy, lang) })}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** 支給量 at the confirm step (seed 000 ④): days left this month, and a warning when the stay goes over. */
function GrantedDaysNotice({ status }: { status: GrantedDaysStatus }) {
  const { lt } = useLedgerTexts();
  return (
    <div className={`notice${status.exceeds ? ' notice--warning' : ''}`} data-testid="granted-days" role={status.exceeds ? 'alert' : undefined}>
      <strong>{lt('granted.title')}</strong>
      <ul>
        {status.months.map((m) => (
          <li key={m.month}>{lt('granted.month', { ...m, month: m.month.replace('-', '年') + '月' })}</li>
        ))}
      </ul>
      {status.exceeds ? <p>{lt('granted.exceeds')}</p> : null}
      {status.outsidePeriod.length ? <p>{lt('granted.outside', { days: status.outsidePeriod.join('、') })}</p> : null}
    </div>
  );
}

function OffersCard({ request }: { request: EmergencyRequestView }) {
  const { rt, lang } = useRequestTexts();
  const confirm = useConfirmEmergencyOffer(request.id);
  const apiError = useApiError();
  const dialog = useRef<HTMLDialogElement>(null);
  const [chosen, setChosen] = useState<OfferView | null>(null);
  const offers = useMemo(() => rankOffers(request.offers, request.contractedOrganisationId), [request.offers, request.contractedOrganisationId]);
  const active = offers.filter((o) => ACTIVE_OFFER.has(o.status));
  const capacityGone = confirm.error instanceof ApiError && confirm.error.code === ErrorCode.CapacityExceeded;

  const ask = (offer: OfferView) => {
    confirm.reset();
    setChosen(offer);
    dialog.current?.showModal();
  };

  return (
    <section className="card" aria-labelledby="offers-title">
      <h2 id="offers-title">{rt('detail.offers')}</h2>
      {request.status === 'open' ? <p className="field-hint">{rt('detail.offersLive')}</p> : null}
      {/* Said aloud when an offer arrives or lapses (the list itself ticks every second). */}
      <p className="visually-hidden" role="status">
        {rt('detail.activeOffers', { count: active.length })}
      </p>
      {request.status === 'open' && request.grantedDays ? <GrantedDaysNotice status={request.grantedDays} /> : null}
      {confirm.error ? <ErrorAlert>{capacityGone ? rt('detail.capacityGone') : apiError.message(confirm.error)}</ErrorAlert> : null}
      {active.length === 0 ? (
        <div className="no-offers">
          <p>{rt('detail.noOffers')}</p>
          {request.exclusions.length ? (
            <div className="exclusions" data-testid="exclusions">
              <h3>{rt('detail.exclusionsTitle')}</h3>
              <p className="field-hint">{rt('detail.exclusionsLead')}</p>
              <ul>
                {request.exclusions.map((ex, i) => (
                  <li key={`${i}-${ex.filter}`} data-filter={ex.filter}>
                    {ex.message[lang]}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </div>
      ) : null}
      {offers.length ? (
        <ol className="offer-list">
          {offers.map((offer) => (
            <OfferItem
              key={offer.id}
              offer={offer}
              contracted={offer.organisationId === request.contractedOrganisationId}
              canConfirm={request.status === 'open' && offer.status === 'held'}
              onConfirm={() => ask(offer)}
            />
          ))}
        </ol>
      ) : null}

      <dialog
        ref={dialog}
        className="dialog"
        aria-labelledby="confirm-dialog-title"
        aria-describedby="confirm-dialog-body"
        onClose={() => setChosen(null)}
      >
        <h2 id="confirm-dialog-title">{rt('detail.confirmTitle')}</h2>
        <p id="confirm-dialog-body">{rt('detail.confirmBody', { name: chosen ? `${chosen.organisationName}${rt('paren', { text: chosen.unitName })}` : '' })}</p>
        {request.grantedDays ? <GrantedDaysNotice status={request.grantedDays} /> : null}
        <div className="button-row">
          <button type="button" className="button button--secondary" autoFocus onClick={() => dialog.current?.close()}>
            {rt('detail.dialogCancel')}
          </button>
          <button
            type="button"
            className="button button--primary"
            disabled={confirm.isPending || !chosen}
            onClick={() =>
              chosen &&
              confirm.mutate(chosen.id, {
                onSuccess: () => dialog.current?.close(),
                onError: () => {
                  dialog.current?.close();
                  void confirm.refresh();
                },
              })
            }
          >
            {confirm.isPending ? rt('detail.confirming') : rt('detail.confirmYes')}
          </button>
        </div>
      </dialog>
    </section>
  );
}

function OfferItem({ offer, contracted, canConfirm, onConfirm }: { offer: OfferView; contracted: boolean; canConfirm: boolean; onConfirm: () => void }) {
  const { rt } = useRequestTexts();
  const municipalityName = useMunicipalityName();
  const remaining = useRemaining(offer.status === 'held' ? offer.expiresAt : null);
  const distanceKey = String(Math.min(3, Math.max(0, offer.distance))) as '0' | '1' | '2' | '3';
  const inactive = !ACTIVE_OFFER.has(offer.status);

  return (
    <li
      className={`offer${inactive ? ' offer--inactive' : ''}${offer.status === 'confirmed' ? ' offer--confirmed' : ''}`}
      data-testid="offer"
      data-offer-id={offer.id}
      data-offer-status={offer.status}
    >
      <div className="offer-main">
        <p className="offer-provider">
          <Link to={Paths.profile(offer.organisationId)}>{offer.organisationName}</Link>
          {contracted ? <span className="badge badge--info">{rt('detail.contracted')}</span> : null}
          <span className={`badge offer-status offer-status--${offer.status}`}>{rt(`offerStatus.${offer.status}`)}</span>
        </p>
        <p className="offer-unit">{offer.unitName}</p>
        <p className="offer-meta">
          {municipalityName(offer.municipalityCode)}
          {rt('paren', { text: rt(`detail.distance.${distanceKey}`) })}
        </p>
        <p className="offer-contact">
          <span>{rt('labelled', { label: rt('detail.contact') })}</span>
          <a className="tel-link" href={telHref(offer.contact24h)} aria-label={rt('detail.call', { contact: offer.contact24h })}>
            {offer.contact24h}
          </a>
        </p>
      </div>
      <div className="offer-side">
        {offer.status === 'held' ? (
          <p className={`hold-left${remaining.ms !== null && remaining.ms < 5 * 60_000 ? ' hold-left--soon' : ''}`}>
            {remaining.ms === 0 ? rt('detail.holdExpired') : rt('detail.holdLeft', { time: remaining.text ?? '' })}
          </p>
        ) : null}
        {canConfirm ? (
          <button
            type="button"
            className="button button--primary button--big"
            aria-label={rt('detail.confirmNamed', { name: offer.organisationName })}
            onClick={onConfirm}
          >
            {rt('detail.confirm')}
          </button>
        ) : null}
      </div>
    </li>
  );
}

function TimelineCard({ request }: { request: EmergencyRequestView }) {
  const { rt, lang } = useRequestTexts();
  const entries = [...request.timeline].sort((a, b) => a.at.localeCompare(b.at));
  return (
    <section className="card" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{rt('detail.timeline')}</h2>
      <ol className="timeline" data-testid="timeline">
        {entries.map((entry) => (
          <li key={entry.id} className={`timeline-entry timeline-entry--${entry.kind}`} data-kind={entry.kind}>
            <time dateTime={entry.at}>{formatDateTime(entry.at, lang)}</time>
            <span className="timeline-text">
              {entry.text[lang]}
              {entry.actor ? <span className="timeline-actor">{rt('paren', { text: entry.actor })}</span> : null}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}

function DetailsCard({ request }: { request: EmergencyRequestView }) {
  const { rt, lang } = useRequestTexts();
  const municipalityName = useMunicipalityName();
  return (
    <section className="card" aria-labelledby="details-title">
      <h2 id="details-title">{rt('detail.summary')}</h2>
      <dl className="request-facts">
        <div>
          <dt>{rt('detail.created')}</dt>
          <dd>{formatDateTime(request.createdAt, lang)}</dd>
        </div>
        <div>
          <dt>{rt('detail.area')}</dt>
          <dd>{municipalityName(request.municipalityCode)}</dd>
        </div>
        <div>
          <dt>{rt('detail.dates')}</dt>
          <dd>{rt('dates', { from: formatDate(request.from, lang), nights: request.nights })}</dd>
        </div>
        <div>
          <dt>{rt('detail.situation')}</dt>
          <dd className="pre-wrap">{request.situation}</dd>
        </div>
      </dl>
    </section>
  );
}

function FollowUpCard({ request }: { request: EmergencyRequestView }) {
  const { rt, lang } = useRequestTexts();
  const save = useSetEmergencyRequestFollowUp(request.id);
  const apiError = useApiError();
  const [date, setDate] = useState(request.followUpOn ?? '');
  const [error, setError] = useState<string | undefined>();
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!date) return setError(rt('detail.followUpRequired'));
    setError(undefined);
    save.mutate(date);
  };
  return (
    <section className="card" aria-labelledby="follow-up-title">
      <h2 id="follow-up-title">{rt('detail.followUp')}</h2>
      <p data-testid="follow-up" data-date={request.followUpOn ?? ''}>
        {request.followUpOn ? rt('detail.followUpCurrent', { date: formatDate(request.followUpOn, lang) }) : rt('detail.followUpNone')}
      </p>
      <form className="form inline-form" noValidate onSubmit={onSubmit}>
        <TextField
          label={rt('detail.followUpDate')}
          name="followUpOn"
          type="date"
          value={date}
          error={error ?? (save.error ? (apiError.fieldErrors(save.error).followUpOn ?? apiError.message(save.error)) : undefined)}
          onChange={setDate}
        />
        <button type="submit" className="button button--secondary" disabled={save.isPending}>
          {rt('detail.followUpSave')}
        </button>
      </form>
      {save.isSuccess ? <SuccessNotice>{rt('detail.followUpSaved')}</SuccessNotice> : null}
    </section>
  );
}

function NotesCard({ request }: { request: EmergencyRequestView }) {
  const { rt } = useRequestTexts();
  const add = useAddEmergencyRequestNote(request.id);
  const apiError = useApiError();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return setError(rt('detail.noteRequired'));
    setError(undefined);
    add.mutate(text.trim(), { onSuccess: () => setText('') });
  };
  return (
    <section className="card" aria-labelledby="notes-title">
      <h2 id="notes-title">{rt('detail.notes')}</h2>
      <form className="form" noValidate onSubmit={onSubmit}>
        <TextAreaField
          label={rt('detail.noteLabel')}
          name="note"
          value={text}
          rows={3}
          error={error ?? (add.error ? (apiError.fieldErrors(add.error).text ?? apiError.message(add.error)) : undefined)}
          onChange={setText}
        />
        <button type="submit" className="button button--secondary" disabled={add.isPending}>
          {rt('detail.noteAdd')}
        </button>
      </form>
      {add.isSuccess && !text ? <SuccessNotice>{rt('detail.noteAdded')}</SuccessNotice> : null}
    </section>
  );
}

function CancelCard({ request }: { request: EmergencyRequestView }) {
  const { rt } = useRequestTexts();
  const cancel = useCancelEmergencyRequest(request.id);
  const apiError = useApiError();
  const dialog = useRef<HTMLDialogElement>(null);
  return (
    <section className="card danger-zone" aria-labelledby="cancel-title">
      <h2 id="cancel-title" className="visually-hidden">
        {rt('detail.cancel')}
      </h2>
      {cancel.error ? <ErrorAlert>{apiError.message(cancel.error)}</ErrorAlert> : null}
      <button type="button" className="button button--danger" onClick={() => dialog.current?.showModal()}>
        {rt('detail.cancel')}
      </button>
      <dialog ref={dialog} className="dialog" aria-labelledby="cancel-dialog-title" aria-describedby="cancel-dialog-body">
        <h2 id="cancel-dialog-title">{rt('detail.cancelTitle')}</h2>
        <p id="cancel-dialog-body">{rt('detail.cancelBody')}</p>
        <div className="button-row">
          <button type="button" className="button button--secondary" autoFocus onClick={() => dialog.current?.close()}>
            {rt('detail.dialogCancel')}
          </button>
          <button
            type="button"
            className="button button--danger"
            disabled={cancel.isPending}
            onClick={() => cancel.mutate(undefined, { onSettled: () => dialog.current?.close() })}
          >
            {rt('detail.cancelYes')}
          </button>
        </div>
      </dialog>
    </section>
  );
}
