import { fieldLabel } from '@akiwa/contracts';
import type { Bilingual } from '../app.exception';

/** Texts shared by many features: the generic refusals and the field-level texts several services raise. */
export const CommonTexts = {
  forbidden: { ja: 'この操作を行う権限がありません', en: 'You may not do this' },
  otherOrganisation: { ja: '他の組織のデータは操作できません', en: 'This belongs to another organisation' },
  notFound: (what: Bilingual): Bilingual => ({ ja: `${what.ja}が見つかりません`, en: `${what.en} not found` }),
  /** 「入力内容に誤りがあります: 空床数、終了日」: the summary of failed fields, by label. */
  summary: (fields: readonly string[]): Bilingual => ({
    ja: `入力内容に誤りがあります: ${fields.map((f) => fieldLabel(f).ja).join('、')}`,
    en: `Invalid input: ${fields.join(', ')}`,
  }),
  /** The detail of an optimistic-lock conflict: the client's `version`/`expectedVersion` is stale. */
  outdated: (field: string): Bilingual => ({ ja: `「${field}」が古くなっています`, en: `${field} is outdated` }),
  pastNight: (field: string): Bilingual => ({ ja: `「${field}」に過去の日付は指定できません`, en: `${field} must not be in the past` }),
  unknownMunicipality: (code: string): Bilingual => ({ ja: `市区町村コード「${code}」は登録されていません`, en: `Unknown municipality code ${code}` }),
  unknownProvider: (field: string): Bilingual => ({ ja: `「${field}」は登録されている事業所ではありません`, en: `${field} is not a known provider` }),
};

/** What was not found, for CommonTexts.notFound / AppException.notFound (「ユニットが見つかりません」). */
export const Things = {
  user: { ja: 'ユーザー', en: 'User' },
  organisation: { ja: '組織', en: 'Organisation' },
  unit: { ja: 'ユニット', en: 'Unit' },
  region: { ja: '圏域', en: 'Region' },
  photo: { ja: '写真', en: 'Photo' },
  profile: { ja: '事業所の情報', en: 'Provider profile' },
  apiKey: { ja: 'APIキー', en: 'API key' },
  webhook: { ja: 'Webhook', en: 'Webhook' },
  device: { ja: '通知を受け取る端末', en: 'Device' },
  waitingListEntry: { ja: '待機者', en: 'Waiting-list entry' },
  registration: { ja: '登録者', en: 'Registration' },
  reportScope: { ja: '集計の対象', en: 'Report scope' },
  urgentContact: { ja: '緊急の相談', en: 'Urgent contact' },
  rota: { ja: '当番表', en: 'Rota' },
  ownRegion: { ja: '所属組織の圏域', en: "Your organisation's region" },
  emergencyRequest: { ja: '緊急受入の依頼', en: 'Emergency request' },
  offer: { ja: '受入の申出', en: 'Offer' },
  trialStay: { ja: '体験利用', en: 'Trial stay' },
  person: { ja: '利用者', en: 'Person' },
  trialUnit: { ja: '体験利用の居室', en: 'Trial room' },
  visitSlot: { ja: '見学枠', en: 'Visit slot' },
} satisfies Record<string, Bilingual>;
