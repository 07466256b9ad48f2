import type { ja } from './ja';

/** The shape of a Japanese resource with every leaf widened to string: English must match it key for key. */
export type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/**
 * The texts a feature keeps beside itself (features/<name>/i18n.ts), one top-level key per feature in
 * the one `translation` namespace. Each feature adds its key by declaration merging:
 *
 *     declare module '../../lib/i18n/feature-texts' { interface FeatureTexts { ledger: typeof ja } }
 *
 * so `t('ledger.list.title')` (or `keyPrefix: 'ledger'`) is type-checked like the shared texts.
 */
export interface FeatureTexts {}

/** One feature's texts: Japanese first, English typed against it. */
export type FeatureBundle<K extends keyof FeatureTexts> = { ja: FeatureTexts[K]; en: Widen<FeatureTexts[K]> };

/**
 * Every feature's texts, for initI18n (src/feature-texts.ts lists them). A mapped type, so a feature
 * that declares its key but is left out of the list fails to compile instead of showing raw keys.
 */
export type FeatureBundles = { [K in keyof FeatureTexts]: FeatureBundle<K> };

/** A feature's key must not shadow a section of the shared ja.ts / en.ts (the two would merge silently). */
type MustBeNever<T extends never> = T;
export type SharedKeysShadowed = MustBeNever<Extract<keyof FeatureTexts, keyof typeof ja>>;

/** Every feature's texts in one language, keyed by feature, for i18next's resources. */
export function featureResources(bundles: FeatureBundles, language: 'ja' | 'en'): Record<string, object> {
  return Object.fromEntries(Object.entries(bundles).map(([key, bundle]) => [key, (bundle as { ja: object; en: object })[language]]));
}
