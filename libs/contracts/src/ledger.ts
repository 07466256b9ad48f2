/**
 * The registrant ledger (登録者台帳): 緊急時利用登録届 (seed 003 別紙3) and the person it registers.
 * Field order follows the paper form, so the web form, the print layout and the CSV read alike.
 */
import type { DisabilityCategory, Gender, SpecialNeed, Urgency } from './enums';
import type { AgeBand } from './requests';

/** Risk flags (seed 002 high-risk list, seed 004 ageing carers). */
export const RiskFlag = {
  LivingAlone: 'living_alone', // 独居
  Household8050: 'household_8050', // 8050世帯
  MedicalCare: 'medical_care', // 医療的ケア
  SevereBehavioural: 'severe_behavioural', // 強度行動障害
  AgeingCarer: 'ageing_carer', // 高齢の介護者
} as const;
export type RiskFlag = (typeof RiskFlag)[keyof typeof RiskFlag];
export const RISK_FLAG_LABELS: Record<RiskFlag, { ja: string; en: string }> = {
  living_alone: { ja: '独居', en: 'living alone' },
  household_8050: { ja: '8050世帯', en: '8050 household' },
  medical_care: { ja: '医療的ケア', en: 'medical care' },
  severe_behavioural: { ja: '強度行動障害', en: 'severe behavioural disorder' },
  ageing_carer: { ja: '高齢の介護者', en: 'ageing carer' },
};

/** Who gave consent: the person (本人), someone writing for them (代筆), a guardian (保護者). */
export const ConsentBy = { Self: 'self', Proxy: 'proxy', Guardian: 'guardian' } as const;
export type ConsentBy = (typeof ConsentBy)[keyof typeof ConsentBy];
export const CONSENT_BY_LABELS: Record<ConsentBy, { ja: string; en: string }> = {
  self: { ja: '本人', en: 'the person' },
  proxy: { ja: '代筆', en: 'written on their behalf' },
  guardian: { ja: '保護者', en: 'guardian' },
};

/** 療育手帳 grades. */
export const RyoikuGrade = { A: 'A', B: 'B' } as const;
export type RyoikuGrade = (typeof RyoikuGrade)[keyof typeof RyoikuGrade];

/** 要介護区分 (介護保険). */
export const CARE_LEVELS = ['none', 'support_1', 'support_2', 'care_1', 'care_2', 'care_3', 'care_4', 'care_5'] as const;
export type CareLevel = (typeof CARE_LEVELS)[number];
export const CARE_LEVEL_LABELS: Record<CareLevel, string> = {
  none: 'なし',
  support_1: '要支援1',
  support_2: '要支援2',
  care_1: '要介護1',
  care_2: '要介護2',
  care_3: '要介護3',
  care_4: '要介護4',
  care_5: '要介護5',
};

/** 届出者: who hands in the form (a parent when registering a child: 続柄). */
export interface Notifier {
  name: string;
  nameKana?: string;
  /** 本人との続柄 (required when registering a child). */
  relation?: string;
}

/** 登録者: the person registered. */
export interface Registrant {
  name: string;
  nameKana: string;
  birthDate: string;
  sex: Gender;
  /** 〒 123-4567 */
  postalCode?: string;
  address?: string;
  homePhone?: string;
  mobilePhone?: string;
}

/** 障がい手帳 and medical certificates. */
export interface Certificates {
  /** 身体障害者手帳 級 1–7. */
  physicalGrade?: number | null;
  /** 療育手帳 A / B. */
  ryoiku?: RyoikuGrade | null;
  /** 精神障害者保健福祉手帳 級 1–3. */
  mentalGrade?: number | null;
  /** 自立支援医療 受給者証. */
  independenceSupportMedical?: boolean;
  /** 特定医療費（指定難病）受給者証. */
  specifiedMedicalExpenses?: boolean;
  other?: string;
}

/** 緊急連絡先: with the contact's own consent to be registered. */
export interface EmergencyContact {
  name: string;
  relation: string;
  address?: string;
  phone: string;
  /** The contact agreed to be listed (and called). */
  consented: boolean;
}

/** 相談支援専門員 who makes the care plan. */
export interface CareConsultant {
  name: string;
  office?: string;
  phone?: string;
}

/** Every field of 別紙3 (plus what the ledger adds), encrypted at rest as one sealed document. */
export interface RegistrationForm {
  /** 届出日 */
  notifiedOn: string;
  notifier: Notifier;
  registrant: Registrant;
  certificates: Certificates;
  /** 要介護区分 */
  careLevel?: CareLevel | null;
  /** 登録の理由 */
  reason?: string;
  /** 主な障がい名又は病名 */
  mainDisability?: string;
  /** 利用サービス */
  servicesUsed?: string;
  /** かかりつけ医療機関 */
  familyDoctor?: string;
  /** 病状・治療状況 */
  medicalCondition?: string;
  /** 服薬 */
  medication?: string;
  /** その他 */
  otherNotes?: string;
  /** 想定される緊急時と対応 */
  expectedEmergency?: string;
  /** 緊急時に利用したいサービス */
  wantedServices?: string;
  /** 緊急連絡先 1–2 */
  emergencyContacts: EmergencyContact[];
  /** 同居家族構成 */
  household?: string;
  /** 相談支援専門員 */
  careConsultant?: CareConsultant | null;
  /** 意思決定支援: where and how the person wants to be supported, in their words. */
  wishes?: string;
  /** The coordinator's notes, copied into an emergency request made from the registration. */
  coordinatorNotes?: string;
}

/** The matching profile: readable (not sealed) so that requests and search work without decrypting. */
export interface RegistrationProfile {
  categories: DisabilityCategory[];
  child: boolean;
  /** 障がい支援区分 0 (非該当) – 6; null 不明. */
  supportLevel: number | null;
  specialNeeds: SpecialNeed[];
}

export interface RegistrationConsent {
  by: ConsentBy;
  on: string;
  /** Organisations the person agreed to share with (the registering centre always included). */
  organisationIds: string[];
}

/** 支給量 from the 受給者証: granted short-stay days per month, and the period. */
export interface GrantedDays {
  daysPerMonth: number;
  from?: string | null;
  to?: string | null;
}

/** 支給量 against the placed stays, per calendar month of a stay (libs/domain grantedDaysStatus). */
export interface GrantedMonthStatus {
  /** YYYY-MM */
  month: string;
  granted: number;
  /** Days of other placements in this month. */
  used: number;
  /** Days this stay adds in this month (days already used by another placement are not counted twice). */
  stay: number;
  /** granted − used, never below 0: what was left before this stay. */
  remaining: number;
  /** used + stay > granted: ask the 相談支援専門員 for more (seed 000 step ④). */
  exceeds: boolean;
}

export interface GrantedDaysStatus {
  daysPerMonth: number;
  months: GrantedMonthStatus[];
  /** Some month of the stay is over its allowance. */
  exceeds: boolean;
  /** Days of the stay outside the granted period (before `from` or after `to`). */
  outsidePeriod: string[];
}

export interface RegistrationInput {
  municipalityCode: string;
  form: RegistrationForm;
  profile: RegistrationProfile;
  riskFlags: RiskFlag[];
  urgencyTier: Urgency;
  contractedOrganisationId?: string | null;
  nextReviewOn?: string | null;
  consent: RegistrationConsent;
  grantedDays?: GrantedDays | null;
}

export type CreateRegistrationRequest = RegistrationInput;
export interface UpdateRegistrationRequest extends RegistrationInput {
  expectedVersion: number;
}

export interface SharedOrganisation {
  organisationId: string;
  organisationName: string;
  grantedAt: string;
  withdrawnAt: string | null;
}

/** A registration read in full (decrypted, the read audited). */
export interface RegistrationView extends Omit<RegistrationInput, 'consent'> {
  id: string;
  personId: string;
  organisationId: string;
  organisationName: string;
  contractedOrganisationName: string | null;
  consent: RegistrationConsent & { shared: SharedOrganisation[] };
  ageBand: AgeBand;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** A ledger row: enough to pick the person (name and kana are decrypted: the list read is audited). */
export interface RegistrationListItem {
  id: string;
  personId: string;
  name: string;
  nameKana: string;
  birthDate: string;
  municipalityCode: string;
  riskFlags: RiskFlag[];
  urgencyTier: Urgency;
  nextReviewOn: string | null;
  reviewOverdue: boolean;
}

export interface LedgerSearchQuery {
  /** Name in kanji or kana: matched exactly after normalising (全角/半角, ひらがな/カタカナ, spaces, old forms). */
  name?: string;
  birthDate?: string;
  municipalityCode?: string;
  riskFlag?: RiskFlag;
  urgencyTier?: Urgency;
  reviewOverdue?: boolean;
}

/** `GET /api/ledger/count`: registered persons per municipality (for the annual report's 登録者数). */
export interface LedgerCount {
  municipalityCode: string;
  registered: number;
}

export interface RegistrationChange {
  at: string;
  byName: string | null;
  action: 'create' | 'update' | 'share' | 'withdraw' | 'import';
  fields: string[];
}

/** What an emergency request made from a registration starts with (the coordinator adds the situation and dates). */
export interface RequestDraft {
  registrationId: string;
  personId: string;
  municipalityCode: string;
  needs: { ageBand: AgeBand; gender: Gender; categories: DisabilityCategory[]; child: boolean; supportLevel: number | null; specialNeeds: SpecialNeed[] };
  urgency: Urgency;
  contractedOrganisationId: string | null;
  coordinatorNotes: string;
}
