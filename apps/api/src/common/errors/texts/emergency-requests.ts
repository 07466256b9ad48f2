import type { Bilingual } from '../app.exception';

/**
 * Emergency requests and offers. The timeline's entries (request-timeline.ts) and the notifications
 * are not errors and stay with the feature.
 */
export const RequestTexts = {
  otherOrganisation: { ja: 'この依頼は他の組織のものです', en: 'This request belongs to another organisation' },
  notOpen: (status: string): Bilingual => ({ ja: `この依頼は受付中ではありません（${status}）`, en: `This request is no longer open (${status})` }),
  offerNotHeld: { ja: 'この申出は確保中ではありません（期限切れ・取下げ・解放済み）', en: 'This offer is no longer held (expired, withdrawn or released)' },
  alreadyOffered: { ja: 'この依頼には既に受入可と回答しています', en: 'Your organisation has already offered a bed for this request' },
  alreadyPlaced: { ja: 'この依頼は既に受入先が確定しています', en: 'This request already has a placement' },
  capacityExceeded: (night: string): Bilingual => ({ ja: `${night}の空床がなくなりました`, en: `No bed is free any more on ${night}` }),
  capacityExceededField: (night: string): Bilingual => ({ ja: `「unitId」: ${night}の空床がありません`, en: `unitId has no free bed on ${night}` }),
  unitNotMatching: { ja: '「unitId」はこの依頼に該当するユニットではありません', en: 'unitId is not one of the units matching this request' },
  withdrawFirst: { ja: '受入可の回答を先に取り下げてください', en: 'Withdraw your offer before declining' },
  widestScope: { ja: 'これ以上検索範囲を広げられません（県内）', en: 'The request already reaches the whole prefecture' },
  otherOrganisationUnit: { ja: '他の組織のユニットです', en: 'This unit belongs to another organisation' },
  outsideServiceArea: { ja: 'この市区町村はセンターの担当区域外です', en: 'This municipality is outside your centre’s service area' },
  unknownMunicipality: { ja: '「municipalityCode」は登録されていない市区町村です', en: 'municipalityCode is not a known municipality' },
  childMismatch: { ja: '「needs.child」は年齢帯（18歳未満かどうか）と一致させてください', en: 'needs.child must agree with needs.ageBand (under 18 or not)' },
};
