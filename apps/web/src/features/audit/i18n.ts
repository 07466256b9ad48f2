import { useTranslation } from 'react-i18next';
import type { FeatureBundle } from '../../lib/i18n';

/** The audit screens' texts, under `audit.` (listed in src/feature-texts.ts). */
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

declare module '../../lib/i18n/feature-texts' {
  interface FeatureTexts {
    audit: typeof ja;
  }
}
export const texts: FeatureBundle<'audit'> = { ja, en };

/** `at` for this feature's texts (under `audit.`), `t` for the shared ones. */
export function useAuditTexts() {
  const { t } = useTranslation();
  const { t: at } = useTranslation(undefined, { keyPrefix: 'audit' });
  return { at, t };
}
