import type { DisabilityCategory, RoomGender, ServiceType, SpecialNeed } from './enums';

/**
 * The welfare workers' own names for the domain's codes, in Japanese and English: one source for the
 * web's i18n, the API's CSV files and the matching explanations.
 */
export interface Bilingual<K extends string> {
  ja: Record<K, string>;
  en: Record<K, string>;
}

export const SERVICE_TYPE_LABELS: Bilingual<ServiceType> = {
  ja: {
    short_stay_attached: '短期入所（併設型）',
    short_stay_vacant_bed: '短期入所（空床型）',
    short_stay_standalone: '短期入所（単独型）',
    group_home_care: '共同生活援助（介護サービス包括型）',
    group_home_daytime: '共同生活援助（日中サービス支援型）',
    group_home_external: '共同生活援助（外部サービス利用型）',
    residential: '施設入所支援',
  },
  en: {
    short_stay_attached: 'Short stay (attached, 併設型)',
    short_stay_vacant_bed: 'Short stay (vacant bed, 空床型)',
    short_stay_standalone: 'Short stay (standalone, 単独型)',
    group_home_care: 'Group home (care included, 介護サービス包括型)',
    group_home_daytime: 'Group home (daytime support, 日中サービス支援型)',
    group_home_external: 'Group home (external services, 外部サービス利用型)',
    residential: 'Residential facility (施設入所支援)',
  },
};

export const CATEGORY_LABELS: Bilingual<DisabilityCategory> = {
  ja: { physical: '身体', intellectual: '知的', psychiatric: '精神', intractable_disease: '難病' },
  en: { physical: 'Physical', intellectual: 'Intellectual', psychiatric: 'Psychiatric', intractable_disease: 'Intractable disease' },
};

export const NEED_LABELS: Bilingual<SpecialNeed> = {
  ja: { medical_care: '医療的ケア', severe_behavioural: '強度行動障害', severe_physical: '重度身体・車椅子' },
  en: { medical_care: 'Medical care', severe_behavioural: 'Severe behavioural disorder', severe_physical: 'Severe physical / wheelchair' },
};

export const ROOM_GENDER_LABELS: Bilingual<RoomGender> = {
  ja: { male: '男性', female: '女性', either: 'どちらでも' },
  en: { male: 'Male', female: 'Female', either: 'Either' },
};

/** 緊急度 (seed 004). */
export const URGENCY_LABELS: Bilingual<'emergency' | 'watch' | 'normal'> = {
  ja: { emergency: '緊急対応', watch: '緊急予備軍', normal: '通常' },
  en: { emergency: 'Emergency', watch: 'Watch list', normal: 'Normal' },
};

/** Why a provider declined an emergency request. */
export const DECLINE_REASON_LABELS: Bilingual<'full' | 'medical_care' | 'staffing' | 'gender' | 'other'> = {
  ja: { full: '満床', medical_care: '医療的ケア対応不可', staffing: '職員体制', gender: '性別', other: 'その他' },
  en: { full: 'Full', medical_care: 'Cannot provide the medical care', staffing: 'Staffing', gender: 'Gender', other: 'Other' },
};
