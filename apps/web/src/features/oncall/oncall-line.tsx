import { useRequestOnCall } from '../../hooks/use-oncall';
import { useOncallTexts } from './i18n';
import './oncall.css';

/** On a provider's request card: who holds the posting centre's on-call phone now, to call back. */
export function OnCallLine({ requestId, enabled }: { requestId: string; enabled: boolean }) {
  const { ot } = useOncallTexts();
  const onCall = useRequestOnCall(requestId, enabled);
  if (!enabled || !onCall.data) return null;
  const { name, ownerName, phone } = onCall.data;
  return (
    <p className="oncall-line" data-testid="oncall">
      <span data-testid="oncall-name">{ot('onCall', { name, owner: ownerName })}</span>
      {phone ? <a href={`tel:${phone.replace(/[^\d+]/g, '')}`}>{ot('call', { phone })}</a> : null}
    </p>
  );
}
