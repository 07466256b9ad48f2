import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DeclineReason, EscalationStep, MatchScope, TimelineEntry } from '@akiwa/contracts';
import { PersonalDataCipher } from '../common/crypto/personal-data.cipher';
import { RequestsRepository } from './requests.repository';

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

/**
 * What a timeline row stores: names are copied in when it is written, so the history reads as it was.
 * `note` / `text` (free text that can hold personal data) are never in the row's JSON: they live
 * encrypted in `request_events.text_encrypted` and are put back here only by an audited read.
 */
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
  /** A wave: the providers told (names as they were), 契約先 marked, and how they were told. */
  organisations?: { name: string; contracted: boolean }[];
  channel?: 'app';
  /** `waiting`: until when answers are awaited. */
  until?: string;
  /** `person_updated`: which fields were written. */
  fields?: string[];
}

const JST = (iso: string) => new Date(new Date(iso).getTime() + 9 * 3_600_000).toISOString().slice(11, 16);

/** 「うきさと（契約先）、こもれび」 — the wave's providers, or nothing for old rows without names. */
function whom(d: TimelineData): { ja: string; en: string } {
  if (!d.organisations?.length) return { ja: '', en: '' };
  const ja = d.organisations.map((o) => `${o.name}${o.contracted ? '（契約先）' : ''}`).join('、');
  const en = d.organisations.map((o) => `${o.name}${o.contracted ? ' (contracted)' : ''}`).join(', ');
  return { ja: `: ${ja}（アプリ通知）`, en: `: ${en} (in-app notification)` };
}

/** The additional data of an event's encrypted free text: it decrypts on its own row only. */
export const eventTextAad = (eventId: string) => `request_event:${eventId}:text`;

/** The kinds whose row carries a free text, and where it goes back on reading. */
export const TEXT_FIELD: Partial<Record<TimelineKind, 'text' | 'note'>> = { note: 'text', declined: 'note' };

/** The sentence a coordinator reads for a timeline row, in both languages. */
export function timelineText(kind: TimelineKind, d: TimelineData): { ja: string; en: string } {
  const org = d.organisationName ?? '';
  const unit = d.unitName ? `（${d.unitName}）` : '';
  switch (kind) {
    case 'posted':
      return { ja: '緊急受入の依頼を登録しました', en: 'Emergency request posted' };
    case 'matched':
      return { ja: `${SCOPE[d.scope!].ja}の${d.providers}事業所に通知しました${whom(d).ja}`, en: `Notified ${d.providers} provider(s) in ${SCOPE[d.scope!].en}${whom(d).en}` };
    case 'widened':
      return {
        ja: `検索範囲を${SCOPE[d.scope!].ja}に広げ、新たに${d.providers}事業所に通知しました${whom(d).ja}`,
        en: `Widened to ${SCOPE[d.scope!].en}; notified ${d.providers} more provider(s)${whom(d).en}`,
      };
    case 'waiting':
      return {
        ja: `新たに通知できる事業所はありません。通知済みの事業所の回答を${d.until ? `${JST(d.until)}まで` : ''}待っています`,
        en: `No other provider to tell; waiting for the answers of those told${d.until ? ` until ${JST(d.until)} (JST)` : ''}`,
      };
    case 'person_updated':
      return { ja: 'ご本人の情報を追加・修正しました', en: 'The person’s details were added or corrected' };
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

/** Writes a request's timeline (`request_events`, through RequestsRepository), in the caller's transaction. */
@Injectable()
export class RequestTimeline {
  constructor(
    private readonly requests: RequestsRepository,
    private readonly cipher: PersonalDataCipher,
  ) {}

  /** A timeline row without free text (the database refuses `text`/`note` in `data`: see addText). */
  async add(tx: EntityManager, requestId: string, kind: TimelineKind, actorId: string | null, data: Omit<TimelineData, 'text' | 'note'> = {}): Promise<void> {
    await this.requests.addEvent(tx, requestId, kind, actorId, data);
  }

  /**
   * A timeline row with a free text (a coordinator's note, a decline note): the text is encrypted
   * under PERSONAL_DATA_KEY, bound to the row's id (taken from the sequence first).
   */
  async addText(tx: EntityManager, requestId: string, kind: 'note' | 'declined', actorId: string | null, data: Omit<TimelineData, 'text' | 'note'>, text: string): Promise<void> {
    const id = await this.requests.nextEventId(tx);
    await this.requests.addEventWithText(tx, id, requestId, kind, actorId, data, text ? this.cipher.encrypt(text, eventTextAad(id)) : null);
  }

  /** The timeline data of one wave: who was told (by name, the contracted provider marked), by the app. */
  async waveData(tx: EntityManager, step: { scope: MatchScope; providers: number; organisationIds?: string[] }, contractedOrganisationId?: string | null): Promise<TimelineData> {
    const ids = step.organisationIds ?? [];
    const names = ids.length ? await this.requests.organisationNames(tx, ids) : [];
    const byId = new Map(names.map((n) => [n.id, n.name]));
    return {
      scope: step.scope,
      providers: step.providers,
      organisations: ids.map((id) => ({ name: byId.get(id) ?? '', contracted: id === contractedOrganisationId })),
      channel: 'app',
    };
  }
}
