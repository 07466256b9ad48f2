import { useTranslation } from 'react-i18next';

/**
 * The alerts' own text (banner, header count, sound switch, receipts), kept beside the feature.
 * Japanese first; English typed against it so no key can be missing.
 */
const ja = {
  bannerTitle: '新しい緊急依頼',
  open: '開く',
  seen: '確認しました',
  seenDone: '確認済み',
  seenBy: (name: string, time: string) => `${name}さんが${time}に確認`,
  dismiss: '閉じる',
  countLabel: (n: number) => `未回答の緊急依頼 ${n}件`,
  sound: '音を鳴らす',
  soundHint: '新しい依頼の音を鳴らします（一度押すと音が有効になります）',
  soundTapToResume: '音を鳴らす（画面に触れると再開）',
  receipts: '通知の状況',
  receiptsLead: '事業所ごとに、通知 → 届いた → 確認 → 回答 を表示します（リアルタイム）。',
  receiptsEmpty: 'まだどの事業所にも通知していません。',
  provider: '事業所',
  notified: '通知',
  delivered: '届いた',
  seenColumn: '確認',
  answered: '回答',
  channel: { in_app: 'アプリ', push: 'プッシュ通知' } as Record<string, string>,
  answer: { offer: '受入可', declined: '辞退' } as Record<string, string>,
  notYet: '—',
  escalations: 'エスカレーション',
  escalationsLead: '確認や申し出がないとき、誰にいつ通知するか（予定と実績）。',
  escalationsEmpty: '予定されているエスカレーションはありません。',
  step: {
    unseen: '未確認 → 事業所の職員へ再通知',
    no_offer_centre: '申し出なし → センターの当番',
    no_offer_region: '申し出なし → 圏域の当番',
    unplaced_centre: '受入先なし → センターの当番',
    unplaced_region: '受入先なし → 圏域の当番',
  } as Record<string, string>,
  state: { armed: '予定', fired: '通知済み', cancelled: '不要（解消）' } as Record<string, string>,
  dueAt: '予定時刻',
  notifiedWho: '通知先',
  nobody: '（当番未設定）',
};

type Messages = typeof ja;

const en: Messages = {
  bannerTitle: 'New emergency request',
  open: 'Open',
  seen: 'Seen',
  seenDone: 'Seen',
  seenBy: (name, time) => `Seen by ${name} at ${time}`,
  dismiss: 'Dismiss',
  countLabel: (n) => `${n} emergency request(s) awaiting an answer`,
  sound: 'Play sound',
  soundHint: 'Plays a sound for new requests (one tap enables audio)',
  soundTapToResume: 'Play sound (tap the page to resume)',
  receipts: 'Who has it',
  receiptsLead: 'Per provider: notified → delivered → seen → answered, live.',
  receiptsEmpty: 'No provider has been notified yet.',
  provider: 'Provider',
  notified: 'Notified',
  delivered: 'Delivered',
  seenColumn: 'Seen',
  answered: 'Answered',
  channel: { in_app: 'app', push: 'push' },
  answer: { offer: 'offered', declined: 'declined' },
  notYet: '—',
  escalations: 'Escalation',
  escalationsLead: 'Who is alerted, and when, if nobody acknowledges or offers (planned and done).',
  escalationsEmpty: 'No escalation planned.',
  step: {
    unseen: 'Not seen → the provider’s staff again',
    no_offer_centre: 'No offer → centre on-call',
    no_offer_region: 'No offer → region on-call',
    unplaced_centre: 'Unplaced → centre on-call',
    unplaced_region: 'Unplaced → region on-call',
  },
  state: { armed: 'planned', fired: 'alerted', cancelled: 'not needed' },
  dueAt: 'Due',
  notifiedWho: 'Alerted',
  nobody: '(nobody on the rota)',
};

export function useAlertText(): Messages {
  const { i18n } = useTranslation();
  return i18n.resolvedLanguage === 'en' ? en : ja;
}
