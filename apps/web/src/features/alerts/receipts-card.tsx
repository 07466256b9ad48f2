import type { RequestReceipt } from '@akiwa/contracts';
import { DataTable } from '../../components/data-table';
import { useReceipts } from '../../hooks/use-alerts';
import { formatDateTime } from '../../lib/format';
import { currentLanguage } from '../../lib/i18n';
import { useAlertTexts } from './i18n';

/** The posting coordinator's view of each notified provider: notified (channel) → delivered → seen → answered. */
export function ReceiptsCard({ requestId }: { requestId: string }) {
  const { alt } = useAlertTexts();
  const receipts = useReceipts(requestId);
  const rows = receipts.data ?? [];
  return (
    <section className="card" aria-labelledby="receipts-title">
      <h2 id="receipts-title">{alt('receipts')}</h2>
      <p className="field-hint">{alt('receiptsLead')}</p>
      {!rows.length ? (
        <p>{alt('receiptsEmpty')}</p>
      ) : (
        <DataTable
          testId="receipts"
          className="receipts-table"
          columns={[alt('provider'), alt('notified'), alt('delivered'), alt('seenColumn'), alt('answered')]}
        >
          {rows.map((r) => (
            <ReceiptRow key={r.organisationId} receipt={r} />
          ))}
        </DataTable>
      )}
    </section>
  );
}

function ReceiptRow({ receipt: r }: { receipt: RequestReceipt }) {
  const { alt } = useAlertTexts();
  const lang = currentLanguage();
  const at = (iso: string | null) => (iso ? formatDateTime(iso, lang) : alt('notYet'));
  const stage = r.answer ? 'answered' : r.seen ? 'seen' : r.deliveredAt ? 'delivered' : 'notified';
  return (
    <tr data-testid="receipt" data-organisation-id={r.organisationId} data-stage={stage}>
      <th scope="row">{r.organisationName}</th>
      <td>
        {at(r.notifiedAt)}
        <span className="receipt-channel">（{r.channels.map((c) => alt(`channel.${c}`, { defaultValue: c })).join('・')}）</span>
      </td>
      <td data-testid="receipt-delivered">
        {at(r.deliveredAt)}
        {r.deliveredVia ? <span className="receipt-channel">（{alt(`channel.${r.deliveredVia}`, { defaultValue: r.deliveredVia })}）</span> : null}
      </td>
      <td data-testid="receipt-seen">{r.seen ? `${at(r.seen.at)}（${r.seen.by}）` : alt('notYet')}</td>
      <td data-testid="receipt-answered">{r.answer ? `${alt(`answer.${r.answer}`)} ${at(r.answeredAt)}` : alt('notYet')}</td>
    </tr>
  );
}
