import { CATEGORY_LABELS as CATEGORY, SERVICE_TYPE_LABELS as SERVICE_TYPE, type RoomGender, type SpecialNeed, type VacancyGender } from '@akiwa/contracts';

/** Japanese labels used in exported CSV; imports accept the label or the API code. */
export const SERVICE_TYPE_LABELS = SERVICE_TYPE.ja;
export const CATEGORY_LABELS = CATEGORY.ja;

// Spreadsheet vocabulary: shorter than the UI's labels (重度身体・車椅子, どちらでも).

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
