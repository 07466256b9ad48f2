import type { FeatureBundles } from './lib/i18n';
import { texts as account } from './features/account/i18n';
import { texts as admin } from './features/admin/i18n';
import { texts as alerts } from './features/alerts/i18n';
import { texts as audit } from './features/audit/i18n';
import { texts as emergency } from './features/requests/i18n';
import { texts as home } from './features/home/i18n';
import { texts as ledger } from './features/ledger/i18n';
import { texts as oncall } from './features/oncall/i18n';
import { texts as profile } from './features/profiles/i18n';
import { texts as reports } from './features/reports/i18n';
import { texts as trialStays } from './features/trial-stays/i18n';
import { texts as vacancies } from './features/vacancies/i18n';

/**
 * Every feature's texts, handed to initI18n by main.tsx. Typed as FeatureBundles: a feature that
 * declares its key (FeatureTexts) but is missing here does not compile, so no screen can show raw keys
 * because its texts were never loaded.
 */
export const featureTexts: FeatureBundles = {
  account,
  admin,
  alerts,
  audit,
  emergency,
  home,
  ledger,
  oncall,
  profile,
  reports,
  trialStays,
  ...vacancies,
};
