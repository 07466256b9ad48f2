import { useTranslation } from 'react-i18next';

/** The on-call rota's own text. Japanese first; English typed against it so no key can be missing. */
const ja = {
  title: '当番表',
  lead: '夜間・休日に当番携帯を持つ人を、曜日ごとのパターンと日付ごとの変更で決めます。祝日は「祝」の行が優先されます。',
  centre: 'センターの当番表',
  region: '圏域の当番表',
  settings: '当番携帯と交代時刻',
  phone: '当番携帯の電話番号',
  dayStarts: '日中の開始（交代時刻）',
  nightStarts: '夜間の開始（交代時刻）',
  pattern: '曜日ごとの当番',
  patternHint: '祝日は「祝」の行があればそちらを使います。',
  weekday: ['日', '月', '火', '水', '木', '金', '土', '祝'],
  day: '日中',
  night: '夜間',
  none: '（未設定）',
  save: '保存する',
  saving: '保存中…',
  saved: '当番表を保存しました。',
  calendar: '月間カレンダー',
  calendarHint: '日付ごとに当番を変更できます。「パターンどおり」に戻すと曜日ごとの当番になります。',
  previous: '前の月',
  next: '次の月',
  month: (y: number, m: number) => `${y}年${m}月`,
  asPattern: (name: string | null) => `パターンどおり（${name ?? '未設定'}）`,
  changed: '変更',
  cellLabel: (date: string, shift: string) => `${date} ${shift}の当番`,
  dateLabel: (m: number, d: number, w: string) => `${m}月${d}日（${w}）`,
  onCall: (name: string, owner: string) => `当番：${name}（${owner}）`,
  call: (phone: string) => `電話 ${phone}`,
};

type Messages = typeof ja;

const en: Messages = {
  title: 'On-call rota',
  lead: 'Who holds the on-call phone at night and on holidays: a weekly pattern with changes for single dates. On public holidays the "Hol" row comes first.',
  centre: "Centre's rota",
  region: "Region's rota",
  settings: 'On-call phone and hand-over',
  phone: 'On-call phone number',
  dayStarts: 'Day shift starts',
  nightStarts: 'Night shift starts',
  pattern: 'Weekly pattern',
  patternHint: 'On public holidays the "Hol" row is used when set.',
  weekday: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Hol'],
  day: 'Day',
  night: 'Night',
  none: '(nobody)',
  save: 'Save',
  saving: 'Saving…',
  saved: 'Rota saved.',
  calendar: 'Month',
  calendarHint: 'Change the holder for a single date; "as pattern" goes back to the weekly pattern.',
  previous: 'Previous month',
  next: 'Next month',
  month: (y, m) => `${y}-${String(m).padStart(2, '0')}`,
  asPattern: (name) => `As pattern (${name ?? 'nobody'})`,
  changed: 'changed',
  cellLabel: (date, shift) => `${shift} on ${date}`,
  dateLabel: (m, d, w) => `${w} ${m}/${d}`,
  onCall: (name, owner) => `On call: ${name} (${owner})`,
  call: (phone) => `Call ${phone}`,
};

export function useOncallText(): Messages {
  const { i18n } = useTranslation();
  return i18n.resolvedLanguage === 'en' ? en : ja;
}
