import type { EntityManager } from 'typeorm';
import type { DeclineReason, EscalationStep, MatchScope, TimelineEntry } from '@akiwa/contracts';

export type TimelineKind = TimelineEntry['kind'];

const SCOPE: Record<MatchScope, { ja: string; en: string }> = {
  municipality: { ja: '市町村内', en: 'the municipality' },
  region: { ja: '圏域内', en: 'the region' },
  prefecture: { ja: '県内', en: 'the prefecture' },
};
const REASON: Record<DeclineReason, { ja: string; en: string }> = {
  full: { ja: '満床', en: 'full' },
  medical_care: { ja: '医療的ケア対応不可', en: 'cannot provide the medical care' },
  staffing: { ja: '職員体制', en: 'staffing' },
  gender: { ja: '性別', en: 'gender' },
  other: { ja: 'その他', en: 'other' },
};

/** What a timeline row stores: names are copied in when it is written, so the history reads as it was. */
export interface TimelineData {
  scope?: MatchScope;
  from?: MatchScope;
  providers?: number;
  organisationName?: string;
  unitName?: string;
  reason?: DeclineReason;
  note?: string;
  text?: string;
  followUpOn?: string;
  released?: number;
  /** Escalations: which step, and who was told. */
  step?: EscalationStep;
  names?: string[];
}

export async function addTimeline(tx: EntityManager, requestId: string, kind: TimelineKind, actorId: string | null, data: TimelineData = {}): Promise<void> {
  await tx.query(`INSERT INTO request_events(request_id, kind, actor_id, data) VALUES ($1, $2, $3, $4)`, [requestId, kind, actorId, data]);
}

/** The sentence a coordinator reads for a timeline row, in both languages. */
export function timelineText(kind: TimelineKind, d: TimelineData): { ja: string; en: string } {
  const org = d.organisationName ?? '';
  const unit = d.unitName ? `（${d.unitName}）` : '';
  switch (kind) {
    case 'posted':
      return { ja: '緊急受入の依頼を登録しました', en: 'Emergency request posted' };
    case 'matched':
      return { ja: `${SCOPE[d.scope!].ja}の${d.providers}事業所に通知しました`, en: `Notified ${d.providers} provider(s) in ${SCOPE[d.scope!].en}` };
    case 'widened':
      return {
        ja: `検索範囲を${SCOPE[d.scope!].ja}に広げ、新たに${d.providers}事業所に通知しました`,
        en: `Widened to ${SCOPE[d.scope!].en}; notified ${d.providers} more provider(s)`,
      };
    case 'offer':
      return { ja: `${org}${unit}が受入可と回答しました`, en: `${org}${d.unitName ? ` (${d.unitName})` : ''} offered a bed` };
    case 'declined':
      return {
        ja: `${org}が辞退しました（${REASON[d.reason!].ja}）${d.note ? `: ${d.note}` : ''}`,
        en: `${org} declined (${REASON[d.reason!].en})${d.note ? `: ${d.note}` : ''}`,
      };
    case 'offer_withdrawn':
      return { ja: `${org}が受入可の回答を取り下げました`, en: `${org} withdrew its offer` };
    case 'offer_expired':
      return { ja: `${org}の確保期限が切れました`, en: `${org}'s hold expired` };
    case 'confirmed':
      return {
        ja: `${org}${unit}への受入が確定しました${d.released ? `（他${d.released}件の確保を解放）` : ''}`,
        en: `Placement confirmed with ${org}${d.released ? ` (${d.released} other hold(s) released)` : ''}`,
      };
    case 'cancelled':
      return { ja: '依頼を取り消しました', en: 'Request cancelled' };
    case 'unplaced':
      return { ja: '県内でも受入先が見つかりませんでした', en: 'No placement was found, even in the prefecture' };
    case 'note':
      return { ja: d.text ?? '', en: d.text ?? '' };
    case 'escalated':
      return escalationText(d);
    case 'seen':
      return { ja: `${org}が依頼を確認しました`, en: `${org} has seen the request` };
    case 'follow_up':
      return { ja: `フォローアップ日を${d.followUpOn}に設定しました`, en: `Follow-up set for ${d.followUpOn}` };
  }
}

const ESCALATION: Record<EscalationStep, { ja: string; en: string }> = {
  unseen: { ja: 'が確認していないため、同事業所の職員に再通知しました', en: ' has not acknowledged: its staff were alerted again' },
  no_offer_centre: { ja: '申し出がないため、センターの当番に通知しました', en: 'No offer yet: the centre on-call coordinator was alerted' },
  no_offer_region: { ja: '申し出がないため、圏域の当番に通知しました', en: 'Still no offer: the region on-call coordinator was alerted' },
  unplaced_centre: { ja: '受入先がないため、センターの当番に通知しました', en: 'Unplaced: the centre on-call coordinator was alerted' },
  unplaced_region: { ja: '受入先がないため、圏域の当番に通知しました', en: 'Unplaced: the region on-call coordinator was alerted' },
};

/** An escalation step: who was told (or that the rota named nobody). */
function escalationText(d: TimelineData): { ja: string; en: string } {
  const step = ESCALATION[d.step!];
  const who = d.names?.length ? { ja: `（${d.names.join('、')}）`, en: ` (${d.names.join(', ')})` } : { ja: '（当番が未設定のため通知先なし）', en: ' (nobody: no one on the rota)' };
  const org = d.step === 'unseen' ? (d.organisationName ?? '') : '';
  return { ja: `${org}${step.ja}${who.ja}`, en: `${org}${step.en}${who.en}` };
}
