import type { Bilingual } from '../app.exception';

/** The ledger of registered persons (台帳). */
export const LedgerTexts = {
  changedFirst: { ja: 'ほかの人がこの登録を更新しました。最新の内容を確認してください', en: 'The registration was changed by someone else' },
  unknownOrganisation: { ja: '「organisationId」は登録されていない組織です', en: 'Unknown organisation' },
  registeringOrganisation: { ja: '登録した機関の同意は撤回できません（登録を取り下げてください）', en: 'The registering organisation keeps the registration' },
  unknownMunicipality: (code: string): Bilingual => ({ ja: `「municipalityCode」（${code}）は登録されていない市区町村です`, en: 'Unknown municipality' }),
  childMismatch: { ja: '「profile.child」は「birthDate」（18歳未満かどうか）と一致させてください', en: 'profile.child must agree with the birth date' },
  relationRequired: { ja: '障害児の登録では「form.notifier.relation」を入力してください', en: 'relation is required when registering a child' },
  /** `index`: the contact's position, from 0. */
  contactConsent: (index: number): Bilingual => ({
    ja: `「form.emergencyContacts.consented」：緊急連絡先${index + 1}の方の同意を得てから登録してください`,
    en: 'Each emergency contact must have agreed to be registered',
  }),
  grantedDaysOrder: { ja: '「grantedDays.to」は「grantedDays.from」以降の日付にしてください', en: 'grantedDays.to must not be before from' },
  unknownConsentOrganisation: { ja: '「consent.organisationIds」に登録されていない組織があります', en: 'Unknown organisation' },
};
