import type { RequestReceipt } from '@akiwa/contracts';
import { useReceipts } from '../../hooks/use-alerts';
import { formatDateTime } from '../../lib/format';
import { currentLanguage } from '../../lib/i18n';
import { useAlertText } from './messages';

/** The posting coordinator's view of each notified provider: notified (channel) → delivered → seen → answered. */
export function ReceiptsCard({ requestId }: { requestId: string }) {
  const text = useAlertText();
  const receipts = useReceipts(requestId);
  const rows = receipts.data ?? [];
  return (
    <section className="card" aria-labelledby="receipts-title">
      <h2 id="receipts-title">{text.receipts}</h2>
      <p className="field-hint">{text.receiptsLead}</p>
      {!rows.length ? (
        <p>{text.receiptsEmpty}</p>
      ) : (
        <div className="table-scroll">
          <table className="table receipts-table" data-testid="receipts">
            <thead>
              <tr>
                <th scope="col">{text.provider}</th>
                <th scope="col">{text.notified}</th>
                <th scope="col">{text.delivered}</th>
                <th scope="col">{text.seenColumn}</th>
                <th scope="col">{text.answered}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <ReceiptRow key={r.organisationId} receipt={r} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function ReceiptRow({ receipt: r }: { receipt: RequestReceipt }) {
  const text = useAlertText();
  const lang = currentLanguage();
  const at = (iso: string | null) => (iso ? formatDateTime(iso, lang) : text.notYet);
  const stage = r.answer ? 'answered' : r.seen ? 'seen' : r.deliveredAt ? 'delivered' : 'notified';
  return (
    <tr data-testid="receipt" data-organisation-id={r.organisationId} data-stage={stage}>
      <th scope="row">{r.organisationName}</th>
      <td>
        {at(r.notifiedAt)}
        <span className="receipt-channel">（{r.channels.map((c) => text.channel[c] ?? c).join('・')}）</span>
      </td>
      <td data-testid="receipt-delivered">
        {at(r.deliveredAt)}
        {r.deliveredVia ? <span className="receipt-channel">（{text.channel[r.deliveredVia] ?? r.deliveredVia}）</span> : null}
      </td>
      <td data-testid="receipt-seen">{r.seen ? `${at(r.seen.at)}（${r.seen.by}）` : text.notYet}</td>
      <td data-testid="receipt-answered">{r.answer ? `${text.answer[r.answer]} ${at(r.answeredAt)}` : text.notYet}</td>
    </tr>
  );
}
