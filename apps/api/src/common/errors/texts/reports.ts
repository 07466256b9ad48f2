/** The municipal reports and their scopes. */
export const ReportTexts = {
  textSavedFirst: { ja: 'ほかの人が先に更新しました。最新の内容を確認してください', en: 'Someone else saved this first; review the current text' },
  /** The same Japanese as textSavedFirst; the English of the base facts' write is shorter. */
  factsSavedFirst: { ja: 'ほかの人が先に更新しました。最新の内容を確認してください', en: 'Someone else saved this first' },
  notOwnArea: { ja: 'この報告を編集できるのは当該市町村の担当者だけです', en: 'Only the area’s own officer writes its report' },
  period: { ja: '「期間」は年度、または正しい開始日と終了日（3年以内）で指定してください', en: 'Give a fiscal year, or a valid from/to period of at most 3 years' },
  fiscalYearRequired: { ja: '「年度」を指定してください', en: 'fiscalYear is required' },
  scopeForbidden: { ja: 'この地域の集計は閲覧できません', en: 'You may not read this area’s figures' },
  scopeRequired: { ja: '「集計範囲」と「コード」を指定してください', en: 'scope and code are required' },
};
