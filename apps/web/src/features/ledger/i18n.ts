import { FIELD_LABELS } from '@akiwa/contracts';
import i18n from 'i18next';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The registrant ledger's texts (under `ledger.`), registered with i18next when the feature loads,
 * like the emergency-request feature's. Field labels come from libs/contracts FIELD_LABELS, the
 * same words the API's validation messages use.
 */
const ja = {
  list: {
    title: '登録者台帳',
    lead: '緊急時利用登録届（別紙3）の登録者。本人が同意した機関だけが閲覧できます。閲覧はすべて記録されます。',
    new: '新しく登録する',
    search: '検索',
    name: '氏名（漢字・かな）',
    nameHint: 'ひらがな・カタカナ・半角・空白・旧字体の違いは問いません（氏名全体で検索）',
    birthDate: '生年月日',
    municipality: '市町村',
    riskFlag: 'リスク',
    urgencyTier: '緊急度区分',
    any: 'すべて',
    overdue: '見直し期限切れのみ',
    overdueTitle: '見直し期限を過ぎた登録（{{count}}件）',
    reviewDue: '見直し予定日 {{date}}',
    caption: '登録者の一覧',
    nameCol: '氏名',
    review: '次回見直し',
    overdueBadge: '期限切れ',
    open: '開く',
    empty: '該当する登録者はいません。',
    limited: '上位50件を表示しています。条件を絞り込んでください。',
    csvTitle: 'CSV（Excelの台帳）',
    csvLead: 'Excelで保存したCSV（Shift_JIS）もそのまま取り込めます。1行でも誤りがあると何も登録されません。',
    import: '台帳をCSVで取込',
    export: '台帳をCSV出力（市町村へ提出）',
  },
  form: {
    titleNew: '緊急時利用登録届',
    titleEdit: '登録内容の変更',
    back: '登録者台帳へ戻る',
    sectionNotify: '届出',
    sectionRegistrant: '登録者',
    sectionCertificates: '障がい手帳・受給者証',
    sectionHealth: '障がい・医療・服薬',
    sectionEmergency: '緊急時',
    sectionContacts: '緊急連絡先',
    contact: '緊急連絡先{{n}}',
    sectionLedger: '台帳（拠点での管理）',
    sectionConsent: '同意と支給量',
    none: 'なし',
    grade: '{{n}}級',
    supportLevel: '障害支援区分',
    supportUnknown: '不明',
    categories: '障害種別',
    specialNeeds: '特別な支援',
    municipality: '市町村',
    contracted: '契約している短期入所事業所',
    nextReviewOn: '次回見直し日（モニタリング）',
    childNote: '生年月日から18歳未満の場合は障害児として登録されます（届出者の続柄が必要です）。',
    contactConsent: 'この方から登録の同意を得ています',
    submit: '登録する',
    save: '変更を保存する',
    saving: '保存しています…',
    invalid: '入力内容を確認してください。',
  },
  detail: {
    print: '印刷（A4）',
    edit: '変更する',
    postRequest: 'この方の緊急依頼を出す',
    registeredBy: '登録機関：{{name}}',
    overdue: '見直し期限を過ぎています',
    consentTitle: '情報共有の同意',
    consentLead: '同意を撤回すると、その機関はただちにこの方の情報を閲覧できなくなります。',
    consentBy: '{{by}}（{{on}}）',
    sharedSince: '{{date}}から共有',
    withdrawnAt: '{{date}}に撤回',
    withdraw: '撤回する',
    share: '共有する',
    shareWith: '共有先の事業所を追加',
    chooseProvider: '事業所を選択',
    historyTitle: '変更履歴',
    historyAction: { create: '登録', update: '変更', share: '共有', withdraw: '同意撤回', import: 'CSV取込' },
    signature: '本人（代筆者・保護者）署名',
    sheetTitle: '緊急時利用登録届',
    yes: 'あり',
    no: 'なし',
  },
  granted: {
    title: '支給量（短期入所）',
    month: '{{month}}：支給 {{granted}}日／利用済み {{used}}日／残り {{remaining}}日（今回 {{stay}}日）',
    exceeds: '今回の利用で支給量を超えます。相談支援専門員に支給量の変更（計画案の作成）を依頼してください。',
    outside: '支給期間外の日があります：{{days}}',
    fromLedger: '登録者台帳の本人情報（氏名・緊急連絡先・服薬など）は、受入が確定した事業所にだけ開示されます。',
    prefilled: '登録者台帳から入力しました：{{name}}',
  },
};

const en: typeof ja = {
  list: {
    title: 'Registrant ledger',
    lead: 'Persons registered for emergencies (form 別紙3). Only organisations the person consented to can read them; every read is logged.',
    new: 'Register a person',
    search: 'Search',
    name: 'Name (kanji or kana)',
    nameHint: 'Hiragana/katakana, width, spaces and old character forms do not matter (whole name)',
    birthDate: 'Date of birth',
    municipality: 'Municipality',
    riskFlag: 'Risk',
    urgencyTier: 'Urgency tier',
    any: 'Any',
    overdue: 'Overdue reviews only',
    overdueTitle: 'Reviews overdue ({{count}})',
    reviewDue: 'review was due {{date}}',
    caption: 'Registered persons',
    nameCol: 'Name',
    review: 'Next review',
    overdueBadge: 'Overdue',
    open: 'Open',
    empty: 'Nobody matches.',
    limited: 'Showing the first 50. Narrow the search.',
    csvTitle: 'CSV (Excel ledger)',
    csvLead: 'CSV saved by Excel (Shift_JIS) is accepted. If any row has an error nothing is imported.',
    import: 'Import the ledger (CSV)',
    export: 'Export the ledger (CSV, for the municipality)',
  },
  form: {
    titleNew: 'Emergency registration form',
    titleEdit: 'Change the registration',
    back: 'Back to the ledger',
    sectionNotify: 'Notification',
    sectionRegistrant: 'Registrant',
    sectionCertificates: 'Certificates',
    sectionHealth: 'Disability, health, medication',
    sectionEmergency: 'In an emergency',
    sectionContacts: 'Emergency contacts',
    contact: 'Emergency contact {{n}}',
    sectionLedger: 'Ledger (kept by the centre)',
    sectionConsent: 'Consent and granted days',
    none: 'None',
    grade: 'Grade {{n}}',
    supportLevel: 'Support level',
    supportUnknown: 'Unknown',
    categories: 'Categories',
    specialNeeds: 'Special needs',
    municipality: 'Municipality',
    contracted: 'Contracted short-stay provider',
    nextReviewOn: 'Next review (monitoring)',
    childNote: 'Under 18 by the birth date: registered as a child (the notifier’s relation is required).',
    contactConsent: 'This person agreed to be registered',
    submit: 'Register',
    save: 'Save changes',
    saving: 'Saving…',
    invalid: 'Please check the form.',
  },
  detail: {
    print: 'Print (A4)',
    edit: 'Edit',
    postRequest: 'Post an emergency request for this person',
    registeredBy: 'Registered by {{name}}',
    overdue: 'The review is overdue',
    consentTitle: 'Consent to share',
    consentLead: 'A withdrawn organisation can no longer read anything of the person, at once.',
    consentBy: '{{by}} ({{on}})',
    sharedSince: 'shared since {{date}}',
    withdrawnAt: 'withdrawn {{date}}',
    withdraw: 'Withdraw',
    share: 'Share',
    shareWith: 'Share with a provider',
    chooseProvider: 'Choose a provider',
    historyTitle: 'History of changes',
    historyAction: { create: 'Registered', update: 'Changed', share: 'Shared', withdraw: 'Consent withdrawn', import: 'CSV import' },
    signature: 'Signature (person, proxy or guardian)',
    sheetTitle: 'Emergency registration form',
    yes: 'Yes',
    no: 'No',
  },
  granted: {
    title: 'Granted short-stay days',
    month: '{{month}}: granted {{granted}}, used {{used}}, left {{remaining}} (this stay {{stay}})',
    exceeds: 'This stay goes over the granted days. Ask the care-plan consultant to extend them.',
    outside: 'Days outside the granted period: {{days}}',
    fromLedger: 'The ledger’s personal details (name, contacts, medication) go only to the confirmed provider.',
    prefilled: 'Filled in from the ledger: {{name}}',
  },
};

const NAMESPACE_KEY = 'ledger';
let registeredStore: unknown = null;

export function registerLedgerTexts(): void {
  const store = (i18n as { store?: unknown }).store;
  if (!store || store === registeredStore) return;
  i18n.addResourceBundle('ja', 'translation', { [NAMESPACE_KEY]: ja }, true, true);
  i18n.addResourceBundle('en', 'translation', { [NAMESPACE_KEY]: en }, true, true);
  registeredStore = store;
}
registerLedgerTexts();
i18n.on('initialized', registerLedgerTexts);

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];
export type LedgerTextKey = Leaves<typeof ja>;
type Translate = (key: string, options?: Record<string, unknown>) => string;

/** `lt` for this feature's texts, `label` for a field's name (FIELD_LABELS), `t` for shared terms. */
export function useLedgerTexts() {
  registerLedgerTexts();
  const { t, i18n: instance } = useTranslation();
  const lang: 'ja' | 'en' = instance.resolvedLanguage === 'en' ? 'en' : 'ja';
  const lt = useCallback((key: LedgerTextKey, options?: Record<string, unknown>) => (t as unknown as Translate)(`${NAMESPACE_KEY}.${key}`, options), [t]);
  const label = useCallback((key: string) => FIELD_LABELS[key]?.[lang] ?? key, [lang]);
  return { lt, label, t, lang };
}
