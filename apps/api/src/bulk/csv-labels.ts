import type { DisabilityCategory, RoomGender, ServiceType, SpecialNeed, VacancyGender } from '@akiwa/contracts';

/** Japanese labels used in exported CSV; imports accept the label or the API code. */
export const SERVICE_TYPE_LABELS: Record<ServiceType, string> = {
  short_stay_attached: '短期入所（併設型）',
  short_stay_vacant_bed: '短期入所（空床型）',
  short_stay_standalone: '短期入所（単独型）',
  group_home_care: '共同生活援助（介護サービス包括型）',
  group_home_daytime: '共同生活援助（日中サービス支援型）',
  group_home_external: '共同生活援助（外部サービス利用型）',
  residential: '施設入所支援',
};

export const CATEGORY_LABELS: Record<DisabilityCategory, string> = {
  physical: '身体',
  intellectual: '知的',
  psychiatric: '精神',
  intractable_disease: '難病',
};

export const NEED_LABELS: Record<SpecialNeed, string> = {
  medical_care: '医療的ケア',
  severe_behavioural: '強度行動障害',
  severe_physical: '重度身体',
};

export const ROOM_GENDER_LABELS: Record<RoomGender, string> = { male: '男性', female: '女性', either: '男女可' };
export const VACANCY_GENDER_LABELS: Record<VacancyGender, string> = { any: '指定なし', male: '男性', female: '女性' };

const TRUE_WORDS = ['可', 'あり', 'はい', '○', '〇', '1', 'true', 'yes'];
const FALSE_WORDS = ['不可', 'なし', 'いいえ', '×', '✕', '0', 'false', 'no'];

const norm = (s: string) => s.normalize('NFKC').trim().toLowerCase();

/** The code for a label or a code (width and case insensitive); undefined when unknown. */
export function fromLabel<T extends string>(labels: Record<T, string>, value: string): T | undefined {
  const v = norm(value);
  return (Object.keys(labels) as T[]).find((code) => norm(code) === v || norm(labels[code]) === v);
}

/** A list cell: "知的、身体" or "intellectual;physical". Undefined when an item is unknown. */
export function listFromLabels<T extends string>(labels: Record<T, string>, value: string): T[] | undefined {
  const items = value.normalize('NFKC').split(/[、,;|/・\s]+/).filter(Boolean);
  const codes = items.map((i) => fromLabel(labels, i));
  return codes.every((c) => c !== undefined) ? (codes as T[]) : undefined;
}

export function toLabels<T extends string>(labels: Record<T, string>, codes: readonly T[]): string {
  return codes.map((c) => labels[c]).join('、');
}

export function parseBoolean(value: string): boolean | undefined {
  const v = norm(value);
  return TRUE_WORDS.includes(v) ? true : FALSE_WORDS.includes(v) ? false : undefined;
}

export const booleanLabel = (b: boolean) => (b ? '可' : '不可');
