import i18n from 'i18next';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

/** The audit screens' texts, registered under `audit.` like the emergency feature's. */
const ja = {
  title: '監査ログ',
  municipalTitle: '監査ログ（市町村内）',
  municipalIntro: '市町村内の組織による操作と、市町村内の緊急依頼への操作です。個人を特定する情報は表示されません。',
  filters: '絞り込み',
  action: '操作',
  actionHint: '例: person.read（person で person.* すべて）',
  subjectType: '対象の種類',
  subjectId: '対象ID（本人・依頼など）',
  userId: '利用者ID',
  organisation: '組織',
  allOrganisations: 'すべての組織',
  from: '期間（から）',
  to: '期間（まで・含まない）',
  exportCsv: 'CSVで出力',
  exporting: '出力中…',
  at: '日時',
  actor: '操作した人',
  subject: '対象',
  detail: '詳細',
  empty: '該当する記録はありません',
  system: 'システム',
  integrity: {
    ok: '監査ログの改ざん検査: 異常なし（{{rows}}件、{{at}} 確認）',
    broken: '監査ログの改ざんを検知しました（{{id}}番の記録、理由: {{reason}}）。システム管理者に連絡してください。',
    unchecked: '監査ログの改ざん検査はまだ実行されていません',
    error: '監査ログの改ざん検査を実行できませんでした',
  },
};

const en: typeof ja = {
  title: 'Audit log',
  municipalTitle: 'Audit log (your municipality)',
  municipalIntro: 'What organisations of your municipality did, and what was done to requests in it. No personal data is shown.',
  filters: 'Filters',
  action: 'Action',
  actionHint: 'e.g. person.read (person for every person.*)',
  subjectType: 'Subject type',
  subjectId: 'Subject id (person, request…)',
  userId: 'User id',
  organisation: 'Organisation',
  allOrganisations: 'All organisations',
  from: 'From',
  to: 'Until (exclusive)',
  exportCsv: 'Export CSV',
  exporting: 'Exporting…',
  at: 'When',
  actor: 'Who',
  subject: 'Subject',
  detail: 'Detail',
  empty: 'No matching entries',
  system: 'System',
  integrity: {
    ok: 'Audit log integrity: intact ({{rows}} entries, checked {{at}})',
    broken: 'The audit log has been tampered with (entry {{id}}, reason: {{reason}}). Contact the system administrator.',
    unchecked: 'The audit log has not been checked yet',
    error: 'The audit log check could not run',
  },
};

const NAMESPACE_KEY = 'audit';
let registeredStore: unknown = null;

export function registerAuditTexts(): void {
  const store = (i18n as { store?: unknown }).store;
  if (!store || store === registeredStore) return;
  i18n.addResourceBundle('ja', 'translation', { [NAMESPACE_KEY]: ja }, true, true);
  i18n.addResourceBundle('en', 'translation', { [NAMESPACE_KEY]: en }, true, true);
  registeredStore = store;
}
registerAuditTexts();
i18n.on('initialized', registerAuditTexts);

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

export type AuditTextKey = Leaves<typeof ja>;
type Translate = (key: string, options?: Record<string, unknown>) => string;

/** `t` for this feature's texts, typed against the Japanese resource above. */
export function useAuditTexts() {
  registerAuditTexts();
  const { t } = useTranslation();
  const at = useCallback((key: AuditTextKey, options?: Record<string, unknown>) => (t as unknown as Translate)(`${NAMESPACE_KEY}.${key}`, options), [t]);
  return { at, t };
}
