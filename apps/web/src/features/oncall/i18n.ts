import { useTranslation } from 'react-i18next';
import type { FeatureBundle, Widen } from '../../lib/i18n';

/** The on-call rota's texts (under `oncall.`). Japanese first; English typed against it so no key can be missing. */
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
  month: '{{y}}年{{m}}月',
  asPattern: 'パターンどおり（{{name}}）',
  asPatternUnset: 'パターンどおり（未設定）',
  changed: '変更',
  cellLabel: '{{date}} {{shift}}の当番',
  dateLabel: '{{m}}月{{d}}日（{{w}}）',
  onCall: '当番：{{name}}（{{owner}}）',
  call: '電話 {{phone}}',
  delaysTitle: 'エスカレーションの時間（{{region}}）',
  delaysLead: '緊急受入依頼に反応がないとき、次の人に知らせるまでの時間です。空欄にすると既定の時間になります。すでに動いているタイマーは変わりません。',
  unseenMinutes: '「確認しました」がないとき、事業所の職員に再通知するまで（分）',
  unseenHint: '1〜120分。空欄：既定の{{minutes}}分',
  noOfferMinutes: '申し出がないとき、センターの当番に通知するまで（分）',
  noOfferHint: '1〜720分。この2倍の時間で圏域の当番にも通知します。空欄：既定の{{minutes}}分',
  delaysSave: 'エスカレーションの時間を保存',
  delaysSaved: 'エスカレーションの時間を保存しました。',
  changedBy: '最終変更：{{name}}（{{at}}）',
  neverChanged: 'まだ変更されていません（既定の時間）。',
};

const en: Widen<typeof ja> = {
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
  month: '{{y}}-{{mm}}',
  asPattern: 'As pattern ({{name}})',
  asPatternUnset: 'As pattern (nobody)',
  changed: 'changed',
  cellLabel: '{{shift}} on {{date}}',
  dateLabel: '{{w}} {{m}}/{{d}}',
  onCall: 'On call: {{name}} ({{owner}})',
  call: 'Call {{phone}}',
  delaysTitle: 'Escalation delays ({{region}})',
  delaysLead: 'How long an emergency request may go without a response before the next person is told. Leave blank for the default. Timers already running keep their time.',
  unseenMinutes: 'Minutes without "seen" before the provider\'s staff are alerted again',
  unseenHint: '1–120. Blank: the default {{minutes}}',
  noOfferMinutes: "Minutes without an offer before the centre's on-call is told",
  noOfferHint: "1–720. Twice this, the region's on-call is told too. Blank: the default {{minutes}}",
  delaysSave: 'Save escalation delays',
  delaysSaved: 'Escalation delays saved.',
  changedBy: 'Last changed by {{name}} ({{at}})',
  neverChanged: 'Never changed (defaults).',
};

declare module '../../lib/i18n/feature-texts' {
  interface FeatureTexts {
    oncall: typeof ja;
  }
}
export const texts: FeatureBundle<'oncall'> = { ja, en };

/** `ot` for this feature's texts (under `oncall.`), `t` for the shared ones. */
export function useOncallTexts() {
  const { t } = useTranslation();
  const { t: ot } = useTranslation(undefined, { keyPrefix: 'oncall' });
  return { ot, t };
}
