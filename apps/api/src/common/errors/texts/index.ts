/**
 * Every error text the API sends, Japanese and English, each written once: one module per feature,
 * constants for fixed texts and small functions for texts that take values. Throw sites keep the
 * error code, field and extra body fields (the API's contract) and take the wording from here.
 * Japanese texts name fields as 「field」; AppException turns them into labels (libs/contracts FIELD_LABELS).
 *
 * Texts that are not errors live with their features and are out of scope: the emergency-request
 * timeline (emergency-requests/request-timeline.ts), notification, push and webhook bodies, report and
 * CSV labels, feed resources, demo data. eslint.config.mjs refuses a `{ ja: '…' }` literal in
 * apps/api/src outside this folder, those files excepted.
 */
export * from './common';
export * from './http';
export * from './auth';
export * from './validation';
export * from './users';
export * from './organisations';
export * from './feeds';
export * from './reports';
export * from './oncall';
export * from './profiles';
export * from './waiting-list';
export * from './webhooks';
export * from './alerts';
export * from './csv';
export * from './units';
export * from './vacancies';
export * from './ledger';
export * from './trial-stays';
export * from './emergency-requests';
