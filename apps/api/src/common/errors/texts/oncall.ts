import type { Bilingual } from '../app.exception';

/** The on-call rota and the escalation delays. */
export const OncallTexts = {
  handOverOrder: { ja: '「夜間の開始」は「日中の開始」より後の時刻にしてください', en: 'nightStarts must be later than dayStarts' },
  duplicateSlot: { ja: '「当番のパターン」に同じ曜日・時間帯が重複しています', en: 'pattern has a slot twice' },
  notACandidate: { ja: '「当番者」はこの当番表の相談支援専門員から選んでください', en: 'userId must be a coordinator who may hold this rota' },
  rangeTooLong: (maxDays: number): Bilingual => ({ ja: `「終了日」は開始日から${maxDays}日以内にしてください`, en: `to must be within ${maxDays} days after from` }),
};
