import i18n from 'i18next';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

/** The report screens' texts (under `reports.`), registered when the feature loads. */
const ja = {
  title: '集計・年次検証',
  lead: '地域生活支援拠点等の運用状況を年度ごとに集計し、協議会での検証に使える報告書にまとめます。',
  year: '年度',
  scope: '集計範囲',
  scopeMunicipality: '自市町村',
  scopeRegion: '圏域（共有に同意済み）',
  download: { xlsx: 'Excel（.xlsx）をダウンロード', csv: 'CSV をダウンロード', print: '印刷（A4）', working: '作成しています…' },
  loading: '集計しています…',
  loadError: '集計を読み込めませんでした。',
  suppression: '{{threshold}}未満の件数は、個人が特定されないよう「{{threshold}}未満」と表示しています。合計からの差し引きでそれが分かってしまう件数は「秘匿」としています。',
  registrants: '登録者数は登録者台帳の導入後に集計します（現在は「—」）。',
  chapters: {
    consultation: '1. 相談',
    emergency: '2. 緊急時の受け入れ・対応',
    trial: '3. 体験の機会・場',
    specialists: '4. 専門的人材の確保・養成',
    network: '5. 地域の体制づくり',
  },
  sections: { results: '実績', issues: '課題', direction: '今後の方向性' },
  save: '保存',
  saving: '保存しています…',
  saved: '保存しました',
  conflict: 'ほかの人が先に更新しました。最新の内容を表示しています。',
  updatedBy: '最終更新：{{name}}（{{at}}）',
  chart: {
    monthly: '月別の依頼件数（結果別）',
    times: '受入までの時間（分）',
    unmet: '受入先が見つからなかった依頼（必要な支援 × 範囲）',
    median: '中央値',
    p90: '90パーセンタイル',
    tableBehind: '表で見る',
  },
  noData: 'この期間のデータはありません。',
  statements: '受入先がなかったニーズ',
  specialistsNote: '医療的ケア・強度行動障害などの受入状況は「2. 緊急時の受け入れ・対応」の表を参照してください。',
  settings: {
    title: '市町村の設定',
    lead: '体験利用の上限、年次報告の基本情報、圏域の設定を確認・変更します。変更した人と日時が記録されます。',
    trialTitle: '体験利用の上限（グループホーム）',
    consecutive: '連続利用の上限（泊）',
    yearly: '年度の上限（泊）',
    trialHint: '国の基準は連続30泊・年度50泊です。連続利用の上限は年度の上限以下にしてください。',
    consecutiveAboveYearly: '連続利用の上限は年度の上限以下にしてください。',
    defaults: '国の基準を適用中（市町村の設定なし）',
    factsTitle: '年次報告の基本情報（{{year}}）',
    baseType: '整備類型',
    baseTypeNone: '（未設定）',
    staffing: 'コーディネーター配置',
    staffingHint: '例：有（計画相談と兼務1名）',
    shelter: 'シェルター',
    shelterUnknown: '（未設定）',
    shelterYes: '有',
    shelterNo: '無',
    regionTitle: '圏域の設定',
    sharing: '圏域内での集計の共有',
    shared: '共有に同意済み（圏域内の市町村が互いの集計を閲覧できます）',
    notShared: '共有していません（自市町村の集計のみ閲覧できます）',
    sharingHint: '共有の設定は管理者が圏域の合意に基づいて記録します。',
    windowsTitle: '緊急受入の時間',
    widenMinutes: '範囲を広げるまでの分数',
    widenHint: '事業所が見つからないとき、市町村内から圏域、県内へ広げるまで（1〜120分、空欄は既定の{{n}}分）',
    answerMinutes: '事業所の回答期限（分）',
    answerHint: '通知を受けた事業所が回答できる時間（1〜720分、空欄は既定の{{n}}分）',
    saveWindows: '緊急受入の時間を保存',
    changedBy: '最終変更：{{name}}（{{at}}）',
    neverChanged: 'まだ変更されていません',
    saved: '保存しました',
  },
};

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

const en: Widen<typeof ja> = {
  title: 'Reports & annual review',
  lead: "The year's figures of the community life support base, as a report for the council's annual review.",
  year: 'Fiscal year',
  scope: 'Area',
  scopeMunicipality: 'Our municipality',
  scopeRegion: 'Region (sharing agreed)',
  download: { xlsx: 'Download Excel (.xlsx)', csv: 'Download CSV', print: 'Print (A4)', working: 'Preparing…' },
  loading: 'Counting…',
  loadError: 'The report could not be loaded.',
  suppression: 'Counts below {{threshold}} are shown as “<{{threshold}}” so that nobody can be recognised; counts that would give one away by subtraction from a total are shown as “withheld”.',
  registrants: 'Registered persons are counted once the registrant ledger exists (shown as “—”).',
  chapters: {
    consultation: '1. Consultation',
    emergency: '2. Emergency acceptance',
    trial: '3. Trial stays',
    specialists: '4. Specialist staff',
    network: '5. Local network',
  },
  sections: { results: 'Results', issues: 'Issues', direction: 'Next steps' },
  save: 'Save',
  saving: 'Saving…',
  saved: 'Saved',
  conflict: 'Someone else saved first; the current text is shown.',
  updatedBy: 'Last updated by {{name}} ({{at}})',
  chart: {
    monthly: 'Requests by month and outcome',
    times: 'Time to placement (minutes)',
    unmet: 'Requests that found no provider (need × level)',
    median: 'Median',
    p90: '90th percentile',
    tableBehind: 'As a table',
  },
  noData: 'No data for this period.',
  statements: 'Needs no provider could meet',
  specialistsNote: 'For medical care and severe behavioural needs see the tables of chapter 2.',
  settings: {
    title: 'Municipality settings',
    lead: 'Trial-stay limits, the annual report’s basic facts and the region’s settings. Every change records who made it and when.',
    trialTitle: 'Trial-stay limits (group homes)',
    consecutive: 'Consecutive nights at most',
    yearly: 'Nights per fiscal year at most',
    trialHint: 'National defaults: 30 consecutive, 50 per fiscal year. The consecutive limit must not exceed the yearly one.',
    consecutiveAboveYearly: 'The consecutive limit must not exceed the yearly one.',
    defaults: 'National defaults apply (no municipal setting)',
    factsTitle: 'Annual report facts ({{year}})',
    baseType: 'Base type',
    baseTypeNone: '(not set)',
    staffing: 'Coordinator staffing',
    staffingHint: 'e.g. yes (one, also doing care plans)',
    shelter: 'Shelter',
    shelterUnknown: '(not set)',
    shelterYes: 'Yes',
    shelterNo: 'No',
    regionTitle: 'Region',
    sharing: 'Sharing figures within the region',
    shared: 'Agreed: the region’s municipalities read each other’s figures',
    notShared: 'Not shared: only your own municipality’s figures',
    sharingHint: 'An administrator records the region’s agreement.',
    windowsTitle: 'Emergency request windows',
    widenMinutes: 'Minutes before widening',
    widenHint: 'When nobody is found: from the municipality to the region, then the prefecture (1–120, blank: the default {{n}})',
    answerMinutes: 'Minutes a provider has to answer',
    answerHint: 'How long each provider told may answer (1–720, blank: the default {{n}})',
    saveWindows: 'Save the emergency windows',
    changedBy: 'Last changed by {{name}} ({{at}})',
    neverChanged: 'Never changed',
    saved: 'Saved',
  },
};

const NAMESPACE_KEY = 'reports';
let registeredStore: unknown = null;

export function registerReportTexts(): void {
  const store = (i18n as { store?: unknown }).store;
  if (!store || store === registeredStore) return;
  i18n.addResourceBundle('ja', 'translation', { [NAMESPACE_KEY]: ja }, true, true);
  i18n.addResourceBundle('en', 'translation', { [NAMESPACE_KEY]: en }, true, true);
  registeredStore = store;
}
registerReportTexts();
i18n.on('initialized', registerReportTexts);

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

export type ReportTextKey = Leaves<typeof ja>;
type Translate = (key: string, options?: Record<string, unknown>) => string;

/** `t` for this feature's texts, typed against the Japanese resource above. */
export function useReportTexts() {
  registerReportTexts();
  const { t, i18n: instance } = useTranslation();
  const rt = useCallback((key: ReportTextKey, options?: Record<string, unknown>) => (t as unknown as Translate)(`${NAMESPACE_KEY}.${key}`, options), [t]);
  const lang: 'ja' | 'en' = instance.resolvedLanguage === 'en' ? 'en' : 'ja';
  return { rt, lang };
}
