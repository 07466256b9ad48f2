import { ErrorCode } from '@akiwa/contracts';
import { AppException } from '../common/errors/app.exception';

/** The feature's failures, each with its stable code and both languages. */
export const RequestErrors = {
  notFound: () => AppException.notFound({ ja: '緊急受入の依頼', en: 'Emergency request' }),
  offerNotFound: () => AppException.notFound({ ja: '受入の申出', en: 'Offer' }),
  otherOrganisation: () => AppException.forbidden('This request belongs to another organisation', 'この依頼は他の組織のものです'),
  notOpen: (status: string) =>
    new AppException(ErrorCode.Conflict, { ja: `この依頼は受付中ではありません（${status}）`, en: `This request is no longer open (${status})` }, [], { requestStatus: status }),
  offerNotHeld: () =>
    new AppException(ErrorCode.Conflict, {
      ja: 'この申出は確保中ではありません（期限切れ・取下げ・解放済み）',
      en: 'This offer is no longer held (expired, withdrawn or released)',
    }),
  alreadyOffered: () =>
    new AppException(ErrorCode.Conflict, { ja: 'この依頼には既に受入可と回答しています', en: 'Your organisation has already offered a bed for this request' }),
  alreadyPlaced: () => new AppException(ErrorCode.Conflict, { ja: 'この依頼は既に受入先が確定しています', en: 'This request already has a placement' }),
  capacityExceeded: (night: string) =>
    new AppException(ErrorCode.CapacityExceeded, { ja: `${night}の空床がなくなりました`, en: `No bed is free any more on ${night}` }, [
      { field: 'unitId', code: 'capacity_exceeded', message: { ja: `「unitId」: ${night}の空床がありません`, en: `unitId has no free bed on ${night}` } },
    ]),
  unitNotMatching: () =>
    AppException.invalidField('unitId', 'not_matching', {
      ja: '「unitId」はこの依頼に該当するユニットではありません',
      en: 'unitId is not one of the units matching this request',
    }),
  withdrawFirst: () =>
    new AppException(ErrorCode.Conflict, { ja: '受入可の回答を先に取り下げてください', en: 'Withdraw your offer before declining' }),
  widestScope: () =>
    new AppException(ErrorCode.Conflict, { ja: 'これ以上検索範囲を広げられません（県内）', en: 'The request already reaches the whole prefecture' }),
};
