/** Shared vocabulary of the domain (see shared/docs/domain.md). Values are stable API strings. */

export const OrganisationKind = {
  Provider: 'provider',
  ConsultationCentre: 'consultation_centre',
  Municipality: 'municipality',
  Administrator: 'administrator',
} as const;
export type OrganisationKind = (typeof OrganisationKind)[keyof typeof OrganisationKind];

export const Role = {
  ProviderStaff: 'provider_staff',
  Coordinator: 'coordinator',
  MunicipalOfficer: 'municipal_officer',
  Admin: 'admin',
} as const;
export type Role = (typeof Role)[keyof typeof Role];

/** Which roles an organisation of each kind may hold. */
export const ROLES_BY_ORGANISATION_KIND: Record<OrganisationKind, readonly Role[]> = {
  provider: [Role.ProviderStaff],
  consultation_centre: [Role.Coordinator],
  municipality: [Role.MunicipalOfficer, Role.Coordinator],
  administrator: [Role.Admin],
};

export const MunicipalityKind = {
  City: 'city',
  Town: 'town',
  Village: 'village',
  Ward: 'ward',
} as const;
export type MunicipalityKind = (typeof MunicipalityKind)[keyof typeof MunicipalityKind];

/** 障害種別 */
export const DisabilityCategory = {
  Physical: 'physical',
  Intellectual: 'intellectual',
  Psychiatric: 'psychiatric',
  IntractableDisease: 'intractable_disease',
} as const;
export type DisabilityCategory = (typeof DisabilityCategory)[keyof typeof DisabilityCategory];

/** Special needs a unit can handle. */
export const SpecialNeed = {
  MedicalCare: 'medical_care',
  SevereBehavioural: 'severe_behavioural',
  SeverePhysical: 'severe_physical',
} as const;
export type SpecialNeed = (typeof SpecialNeed)[keyof typeof SpecialNeed];

/** サービス種別 of a unit. */
export const ServiceType = {
  ShortStayAttached: 'short_stay_attached', // 短期入所 併設型
  ShortStayVacantBed: 'short_stay_vacant_bed', // 短期入所 空床型
  ShortStayStandalone: 'short_stay_standalone', // 短期入所 単独型
  GroupHomeCare: 'group_home_care', // 共同生活援助 介護サービス包括型
  GroupHomeDaytime: 'group_home_daytime', // 共同生活援助 日中サービス支援型
  GroupHomeExternal: 'group_home_external', // 共同生活援助 外部サービス利用型
  Residential: 'residential', // 施設入所支援
} as const;
export type ServiceType = (typeof ServiceType)[keyof typeof ServiceType];

export const Gender = { Male: 'male', Female: 'female' } as const;
export type Gender = (typeof Gender)[keyof typeof Gender];

/** Room gender of a unit: gendered rooms keep vacancies per gender. */
export const RoomGender = { Male: 'male', Female: 'female', Either: 'either' } as const;
export type RoomGender = (typeof RoomGender)[keyof typeof RoomGender];

/** 緊急度 (seed 004). */
export const Urgency = {
  Emergency: 'emergency', // 緊急対応
  Watch: 'watch', // 緊急予備軍
  Normal: 'normal', // 通常
} as const;
export type Urgency = (typeof Urgency)[keyof typeof Urgency];

/** 障害支援区分: 0 stands for 非該当 / none. */
export const SUPPORT_LEVEL_MIN = 0;
export const SUPPORT_LEVEL_MAX = 6;
