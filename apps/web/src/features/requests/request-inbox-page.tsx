import { ErrorAlert } from '../../components/alerts';
import { useApiError } from '../../hooks/use-api-error';
import { useInbox } from '../../hooks/use-inbox';
import { usePageTitle } from '../../lib/use-page-title';
import { useSessionUser } from '../auth/session-store';
import { useRequestTexts } from './i18n';
import { setMuted, useFreshRequests, useMuted, useSoundReady } from './inbox-alerts';
import { InboxItemCard } from './inbox-item-card';

/** 緊急依頼受信箱: emergency requests a provider may accept (de-identified until confirmed). */
export function RequestInboxPage() {
  const { rt } = useRequestTexts();
  usePageTitle(rt('inbox.title'));
  const user = useSessionUser();
  const organisationId = user.organisation.id;
  const inbox = useInbox(organisationId);
  const apiError = useApiError();
  const fresh = useFreshRequests();
  const muted = useMuted();
  const soundReady = useSoundReady();
  const items = inbox.data ?? [];

  return (
    <section className="page inbox-page" aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{rt('inbox.title')}</h1>
        <p className="page-lead">{rt('inbox.lead')}</p>
      </header>
      <div className="inbox-tools">
        <button type="button" className="button button--secondary" aria-pressed={!muted} onClick={() => setMuted(!muted)}>
          <span className={`sound-icon${muted ? ' sound-icon--off' : ''}`} aria-hidden="true" />
          {muted ? rt('inbox.soundOff') : rt('inbox.soundOn')}
        </button>
        {/* hidden, not removed, once ready: the first tap on the page (maybe on 受け入れる) readies the sound */}
        <p className={`field-hint sound-hint${muted || soundReady ? ' sound-hint--done' : ''}`} aria-hidden={muted || soundReady || undefined}>
          {rt('inbox.soundHint')}
        </p>
      </div>
      {inbox.error ? (
        <ErrorAlert>
          {rt('inbox.loadError')} {apiError.message(inbox.error)}
        </ErrorAlert>
      ) : null}
      {inbox.isPending ? (
        <p role="status">…</p>
      ) : items.length === 0 && !inbox.error ? (
        <p className="card" data-testid="inbox-empty">
          {rt('inbox.empty')}
        </p>
      ) : (
        <ul className="inbox-list" aria-label={rt('inbox.title')}>
          {items.map((item) => (
            <InboxItemCard key={item.requestId} item={item} organisationId={organisationId} fresh={fresh.has(item.requestId)} />
          ))}
        </ul>
      )}
    </section>
  );
}
