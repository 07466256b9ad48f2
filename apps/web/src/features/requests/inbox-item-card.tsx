import { DeclineReason, type InboxItem, type OfferStatus } from '@akiwa/contracts';
import { useEffect, useId, useState } from 'react';
import { ErrorAlert } from '../../components/alerts';
import { useApiError } from '../../hooks/use-api-error';
import { useAcceptRequest, useDeclineRequest, useInboxItemWithPerson, useWithdrawOffer } from '../../hooks/use-inbox';
import { formatDate, formatDateTime } from '../../lib/format';
import { SeenControl } from '../alerts/seen-control';
import { OnCallLine } from '../oncall/oncall-line';
import { useRequestTexts } from './i18n';
import { clearFresh } from './inbox-alerts';
import { PersonDetailsList, StatusBadge, telHref, UrgencyBadge, useMunicipalityName, useNeedsPhrases, useRemaining } from './request-bits';

const REASONS = Object.values(DeclineReason);

type ItemState = 'needs_answer' | 'held' | 'confirmed' | 'declined' | 'closed';

function stateOf(item: InboxItem): { state: ItemState; closedBy?: OfferStatus | InboxItem['status'] } {
  const response = item.response;
  if (response?.kind === 'offer') {
    if (response.offer.status === 'confirmed') return { state: 'confirmed' };
    if (response.offer.status === 'held' && item.status === 'open') return { state: 'held' };
    return { state: 'closed', closedBy: response.offer.status === 'held' ? item.status : response.offer.status };
  }
  if (response?.kind === 'declined') return { state: 'declined' };
  if (item.status !== 'open') return { state: 'closed', closedBy: item.status };
  return { state: 'needs_answer' };
}

/** One request in a provider's inbox: the de-identified summary and the two-tap answer. */
export function InboxItemCard({ item, organisationId, fresh: arrivedLive }: { item: InboxItem; organisationId: string; fresh: boolean }) {
  const { rt, lang } = useRequestTexts();
  const phrases = useNeedsPhrases()(item.needs);
  const municipalityName = useMunicipalityName();
  const { state, closedBy } = stateOf(item);
  const apiError = useApiError();
  const titleId = useId();
  // "新着" lasts until the request is answered (here, in another tab, or closed).
  const fresh = arrivedLive && state === 'needs_answer';
  useEffect(() => {
    if (arrivedLive && state !== 'needs_answer') clearFresh(item.requestId);
  }, [arrivedLive, state, item.requestId]);
  const withPerson = useInboxItemWithPerson(organisationId, item.requestId, state === 'confirmed' && !item.person);
  const person = item.person ?? (state === 'confirmed' ? (withPerson.data?.person ?? null) : null);

  const closedReason = item.response?.kind === 'offer' ? item.response.offer.closedReason : null;
  const closedText = closedReason
    ? rt(`inbox.closedReason.${closedReason}`)
    : closedBy === 'placed' || closedBy === 'cancelled' || closedBy === 'unplaced' || closedBy === 'expired' || closedBy === 'withdrawn' || closedBy === 'released'
      ? rt(`inbox.closed.${closedBy}`)
      : null;

  return (
    <li
      id={`request-${item.requestId}`}
      className={`card inbox-item inbox-item--${state}${fresh ? ' inbox-item--fresh' : ''}`}
      data-testid="inbox-item"
      data-request-id={item.requestId}
      data-request-status={item.status}
      data-state={state}
      aria-labelledby={titleId}
    >
      <div className="inbox-item-head">
        {fresh ? <span className="badge badge--new">{rt('inbox.new')}</span> : null}
        {item.contracted ? (
          <span className="badge badge--contracted" data-testid="contracted-badge">
            {rt('inbox.contracted')}
          </span>
        ) : null}
        <UrgencyBadge urgency={item.urgency} />
        {state === 'confirmed' ? <StatusBadge status="placed" /> : null}
        <span className="inbox-item-time">
          {rt('inbox.received', { time: formatDateTime(item.receivedAt, lang) })}
        </span>
      </div>
      <h2 id={titleId} className="inbox-item-title">
        {phrases.age}・{phrases.gender}・{phrases.categories}
      </h2>
      <dl className="inbox-facts">
        <div>
          <dt>{rt('inbox.supportLevel')}</dt>
          <dd>{phrases.supportLevel}</dd>
        </div>
        <div>
          <dt>{rt('inbox.specialNeeds')}</dt>
          <dd>{phrases.specialNeeds}</dd>
        </div>
        <div>
          <dt>{rt('inbox.area')}</dt>
          <dd>{municipalityName(item.municipalityCode)}</dd>
        </div>
        <div>
          <dt>{rt('inbox.dates')}</dt>
          <dd>{rt('dates', { from: formatDate(item.from, lang), nights: item.nights })}</dd>
        </div>
      </dl>
      <p className="inbox-item-from">{rt('inbox.from', { name: item.postingOrganisationName })}</p>
      {item.contracted && state === 'needs_answer' ? <p className="field-hint">{rt('inbox.contractedHint')}</p> : null}

      {state === 'needs_answer' ? <AnswerPanel item={item} organisationId={organisationId} /> : null}
      {state === 'held' && item.response?.kind === 'offer' ? (
        <HeldPanel offerId={item.response.offer.id} unitName={item.response.offer.unitName} expiresAt={item.response.offer.expiresAt} organisationId={organisationId} />
      ) : null}
      {state === 'confirmed' ? (
        <div className="inbox-confirmed">
          <p className="alert alert--success">{rt('inbox.confirmed')}</p>
          {person ? (
            <section className="person-details" data-testid="person-details" aria-label={rt('inbox.personDetails')}>
              <h3>{rt('inbox.personDetails')}</h3>
              <PersonDetailsList person={person} />
              <p className="field-hint">{rt('inbox.personNote')}</p>
            </section>
          ) : withPerson.error ? (
            <ErrorAlert>{apiError.message(withPerson.error)}</ErrorAlert>
          ) : null}
        </div>
      ) : null}
      {state === 'declined' && item.response?.kind === 'declined' ? (
        <p className="inbox-closed-text">
          {rt('inbox.declined', { reason: rt(`declineReason.${item.response.reason}`) })}
          {item.response.note ? rt('paren', { text: item.response.note }) : ''}
        </p>
      ) : null}
      {/* below the answer buttons, so they stay where the first tap lands on a phone */}
      {item.postingOrganisationPhone ? (
        <p className="inbox-item-phone">
          <a href={telHref(item.postingOrganisationPhone)} data-testid="posting-phone">
            {rt('inbox.phone', { phone: item.postingOrganisationPhone })}
          </a>
        </p>
      ) : null}
      {state === 'closed' && closedText ? (
        <p className="inbox-closed-text" data-testid="closed-reason">
          {closedText}
        </p>
      ) : null}
      {/* below the answer, so that nothing moves the first tap on 受け入れる */}
      <SeenControl item={item} organisationId={organisationId} open={state === 'needs_answer'} />
      <OnCallLine requestId={item.requestId} enabled={item.status === 'open' || state === 'confirmed'} />
    </li>
  );
}

function AnswerPanel({ item, organisationId }: { item: InboxItem; organisationId: string }) {
  const { rt } = useRequestTexts();
  const apiError = useApiError();
  const accept = useAcceptRequest(organisationId);
  const decline = useDeclineRequest(organisationId);
  const [unitId, setUnitId] = useState(item.matchingUnits[0]?.id ?? '');
  const [declining, setDeclining] = useState(false);
  const [other, setOther] = useState(false);
  const [note, setNote] = useState('');
  const busy = accept.isPending || decline.isPending;
  const error = accept.error ?? decline.error;
  const unitName = item.matchingUnits.find((u) => u.id === unitId)?.name;

  const sendDecline = (reason: DeclineReason, text?: string) =>
    decline.mutate({ requestId: item.requestId, reason, note: text });

  return (
    <div className="inbox-answer">
      {error ? <ErrorAlert>{apiError.message(error)}</ErrorAlert> : null}
      {item.matchingUnits.length > 1 ? (
        <fieldset className="fieldset">
          <legend className="field-label">{rt('inbox.unit')}</legend>
          <div className="check-group">
            {item.matchingUnits.map((unit) => (
              <label key={unit.id} className="check">
                <input type="radio" name={`unit-${item.requestId}`} value={unit.id} checked={unitId === unit.id} onChange={() => setUnitId(unit.id)} />
                <span>{unit.name}</span>
              </label>
            ))}
          </div>
        </fieldset>
      ) : unitName ? (
        <p className="inbox-unit">
          {rt('labelled', { label: rt('inbox.unit') })}
          {unitName}
        </p>
      ) : null}

      {!declining ? (
        <div className="answer-buttons">
          <button
            type="button"
            className="button button--primary button--big"
            disabled={busy || !unitId}
            onClick={() => accept.mutate({ requestId: item.requestId, unitId })}
          >
            {accept.isPending ? rt('inbox.accepting') : rt('inbox.accept')}
          </button>
          <button type="button" className="button button--secondary button--big" disabled={busy} onClick={() => setDeclining(true)}>
            {rt('inbox.decline')}
          </button>
        </div>
      ) : (
        <fieldset className="fieldset decline-reasons">
          <legend className="field-label">{rt('inbox.declineReason')}</legend>
          <div className="reason-buttons">
            {REASONS.map((reason) => (
              <button
                key={reason}
                type="button"
                className="button button--secondary"
                aria-pressed={reason === DeclineReason.Other ? other : undefined}
                disabled={busy}
                onClick={() => (reason === DeclineReason.Other ? setOther(true) : sendDecline(reason))}
              >
                {rt(`declineReason.${reason}`)}
              </button>
            ))}
          </div>
          {other ? (
            <form
              className="form"
              onSubmit={(event) => {
                event.preventDefault();
                sendDecline(DeclineReason.Other, note.trim() || undefined);
              }}
            >
              <label className="field">
                <span className="field-label">{rt('inbox.declineNote')}</span>
                <textarea className="input textarea" rows={2} value={note} onChange={(event) => setNote(event.target.value)} />
              </label>
              <button type="submit" className="button button--primary" disabled={busy}>
                {rt('inbox.declineSend')}
              </button>
            </form>
          ) : null}
          <button
            type="button"
            className="button button--link"
            onClick={() => {
              setDeclining(false);
              setOther(false);
            }}
          >
            {rt('inbox.declineCancel')}
          </button>
        </fieldset>
      )}
    </div>
  );
}

function HeldPanel({ offerId, unitName, expiresAt, organisationId }: { offerId: string; unitName: string; expiresAt: string; organisationId: string }) {
  const { rt } = useRequestTexts();
  const apiError = useApiError();
  const withdraw = useWithdrawOffer(organisationId);
  const remaining = useRemaining(expiresAt);
  return (
    <div className="inbox-held" data-testid="inbox-hold" data-offer-id={offerId}>
      <p className="alert alert--success">{rt('inbox.held')}</p>
      <p className="inbox-unit">
        {rt('labelled', { label: rt('inbox.unit') })}
        {unitName}
      </p>
      <p className={`hold-left${remaining.ms !== null && remaining.ms < 5 * 60_000 ? ' hold-left--soon' : ''}`}>
        {rt('inbox.holdLeft', { time: remaining.text ?? '' })}
      </p>
      {withdraw.error ? <ErrorAlert>{apiError.message(withdraw.error)}</ErrorAlert> : null}
      <button type="button" className="button button--danger" disabled={withdraw.isPending} onClick={() => withdraw.mutate({ offerId })}>
        {withdraw.isPending ? rt('inbox.withdrawing') : rt('inbox.withdraw')}
      </button>
    </div>
  );
}
