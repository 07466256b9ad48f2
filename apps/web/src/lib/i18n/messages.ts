import type { ja } from './ja';

/** The shape of ja.ts with every leaf widened to string: other languages must match it key for key. */
type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Messages = Widen<typeof ja>;

export const LANGUAGES = ['ja', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
