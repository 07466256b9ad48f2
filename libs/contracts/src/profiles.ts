/**
 * A provider's profile (what 住まいプラグ / KP5000-style listings show): the provider edits it;
 * coordinators, municipal officers and admins read it; other providers read it only when public.
 */
export const NightStaffing = { Yakin: 'yakin', Shukuchoku: 'shukuchoku', Both: 'both', None: 'none' } as const;
export type NightStaffing = (typeof NightStaffing)[keyof typeof NightStaffing];

export const MedicalCapability = {
  Tube: 'tube_feeding', // 経管栄養・胃ろう
  Suction: 'suction', // たん吸引
  Insulin: 'insulin', // インスリン注射
  Oxygen: 'oxygen', // 在宅酸素
  Dialysis: 'dialysis', // 透析への送迎
  Medication: 'medication', // 服薬管理
  Nurse: 'nurse_on_site', // 看護師常駐
} as const;
export type MedicalCapability = (typeof MedicalCapability)[keyof typeof MedicalCapability];

export interface ProviderProfileFields {
  /** 事業所番号 (障害福祉サービス事業所番号): 10 digits, the first two the prefecture's code. */
  officeNumber: string | null;
  postalCode: string;
  address: string;
  nearestStation: string;
  access: string;
  phone: string;
  hours: string;
  /** Yen per night / per month, and what they include (家賃・食費・光熱水費…). */
  feePerNight: number | null;
  feePerNightIncludes: string;
  feePerMonth: number | null;
  feePerMonthIncludes: string;
  transportArea: string;
  transportHours: string;
  nightStaffing: NightStaffing | null;
  nightStaffingNote: string;
  medical: MedicalCapability[];
  medicalNote: string;
  wheelchair: boolean;
  machineBath: boolean;
  description: string;
  /** Shown to other providers too (coordinators and officers always read it). */
  public: boolean;
}

export type UpdateProviderProfileRequest = ProviderProfileFields & { version: number };

/** The address as the normaliser read it (@geolonia/normalize-japanese-addresses), or null when it could not run. */
export interface NormalisedAddress {
  pref: string;
  city: string;
  town: string;
  rest: string;
  /** How far it matched: 0 nothing, 1 prefecture, 2 city, 3 town, 8 the lot or house number. */
  level: number;
}

export interface ProviderPhotoView {
  id: string;
  width: number;
  height: number;
  bytes: number;
  caption: string;
  createdAt: string;
}

export interface ProviderProfileView extends ProviderProfileFields {
  organisationId: string;
  organisationName: string;
  addressNormalised: NormalisedAddress | null;
  photos: ProviderPhotoView[];
  /** 0 before the first save. */
  version: number;
  updatedAt: string | null;
}

/** The names providers use for these codes (see labels.ts). */
export const NIGHT_STAFFING_LABELS = {
  ja: { yakin: '夜勤', shukuchoku: '宿直', both: '夜勤と宿直', none: '夜間の職員なし' },
  en: { yakin: 'Night shift (夜勤)', shukuchoku: 'Night duty (宿直)', both: 'Night shift and duty', none: 'No night staff' },
} as const satisfies { ja: Record<NightStaffing, string>; en: Record<NightStaffing, string> };

export const MEDICAL_CAPABILITY_LABELS = {
  ja: { tube_feeding: '経管栄養・胃ろう', suction: 'たん吸引', insulin: 'インスリン注射', oxygen: '在宅酸素', dialysis: '透析への送迎', medication: '服薬管理', nurse_on_site: '看護師常駐' },
  en: { tube_feeding: 'Tube feeding', suction: 'Suction', insulin: 'Insulin injections', oxygen: 'Home oxygen', dialysis: 'Dialysis transport', medication: 'Medication management', nurse_on_site: 'Nurse on site' },
} as const satisfies { ja: Record<MedicalCapability, string>; en: Record<MedicalCapability, string> };
