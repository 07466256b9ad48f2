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
};

export function useAlertText(): Messages {
  const { i18n } = useTranslation();
  return i18n.resolvedLanguage === 'en' ? en : ja;
}
